// Creating and revoking API tokens. The token is returned once, at creation; only its hash is kept.
import "server-only";
import type { Db } from "@/lib/store/database";
import { insertApiToken, listApiTokens, revokeApiToken, type ApiTokenInfo } from "@/lib/store/api-tokens-repo";
import { newApiToken, sha256 } from "./secret-tokens";
import type { Role } from "./roles";

const DAY_MS = 24 * 60 * 60_000;

export async function createApiToken(
  db: Db,
  input: { role: Role; expiresInDays: number; name?: string; createdBy: string },
  now = Date.now(),
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newApiToken();
  const info = await insertApiToken(
    db,
    { name: input.name ?? `${input.role} token`, role: input.role, tokenHash: sha256(token), prefix: token.slice(0, 7), createdBy: input.createdBy, expiresAt: now + input.expiresInDays * DAY_MS },
    now,
  );
  return { token, info };
}

export { listApiTokens, revokeApiToken };
