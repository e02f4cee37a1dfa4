// Revokes an API token: it stops working at once; the record stays for the audit trail.
import { withApi } from "@/lib/api/with-api";
import { ApiError } from "@/lib/api/problem";
import { tokenIdSchema } from "@/lib/api/schemas/auth";
import { getStore } from "@/lib/store/get-store";
import { revokeApiToken } from "@/lib/security/api-tokens";
import { audit } from "@/lib/security/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = withApi({
  auth: "admin",
  schemas: { params: tokenIdSchema },
  handler: async ({ params, user }) => {
    const { db } = await getStore();
    if (!(await revokeApiToken(db, params.id))) throw new ApiError("not_found", "No live token with this id");
    await audit(user, "token.revoke", { detail: { tokenId: params.id } });
    return new Response(null, { status: 204 });
  },
});
