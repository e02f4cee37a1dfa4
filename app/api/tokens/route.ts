// API tokens: create one (shown once, in this answer only) and list them (never the token itself).
import { withApi } from "@/lib/api/with-api";
import { createTokenSchema } from "@/lib/api/schemas/auth";
import { getStore } from "@/lib/store/get-store";
import { createApiToken, listApiTokens } from "@/lib/security/api-tokens";
import { audit } from "@/lib/security/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "admin",
  schemas: { body: createTokenSchema },
  status: 201,
  handler: async ({ body, user }) => {
    const { db } = await getStore();
    const { token, info } = await createApiToken(db, { ...body, createdBy: user.name });
    await audit(user, "token.create", { detail: { tokenId: info.id, name: info.name, role: info.role, expiresAt: info.expiresAt } });
    return { token, apiToken: info };
  },
});

export const GET = withApi({
  auth: "admin",
  handler: async () => {
    const { db } = await getStore();
    return { tokens: await listApiTokens(db) };
  },
});
