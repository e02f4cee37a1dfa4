// Local accounts: list them, create one with a role (admin only; audited).
import { withApi } from "@/lib/api/with-api";
import { ApiError } from "@/lib/api/problem";
import { createUserSchema } from "@/lib/api/schemas/auth";
import { getStore } from "@/lib/store/get-store";
import { createUser, findUserByName, listUsers } from "@/lib/store/users-repo";
import { hashPassword } from "@/lib/security/password";
import { audit } from "@/lib/security/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "admin",
  schemas: { body: createUserSchema },
  status: 201,
  handler: async ({ body, user }) => {
    const { db } = await getStore();
    if (await findUserByName(db, body.username)) throw new ApiError("conflict", `A user named ${body.username} exists`);
    const created = await createUser(db, { username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
    await audit(user, "user.create", { detail: { userId: created.id, username: created.username, role: created.role } });
    return { user: created };
  },
});

export const GET = withApi({
  auth: "admin",
  handler: async () => {
    const { db } = await getStore();
    return { users: await listUsers(db) };
  },
});
