// The one way a single sign-on ends in failure: logged (scrubbed), audited as auth.sign-in-failed,
// and the browser sent back to /login with a code the page explains.
import "server-only";
import { logger } from "@/lib/log/logger";
import type { Db } from "@/lib/store/database";
import { scrubSecrets } from "../scrub";
import { OidcFailure } from "./oidc-failure";
import { loginErrorRedirect } from "./redirects";
import { auditOidcFailure } from "./sign-in";

export async function refuseSignIn(db: Db, ip: string, err: unknown, next: string | undefined, cookies: string[] = []): Promise<Response> {
  const failure = err instanceof OidcFailure ? err : new OidcFailure("oidc_failed", String((err as Error)?.message ?? err));
  logger.warn({ code: failure.code, err: scrubSecrets(failure.message) }, "Single sign-on refused");
  await auditOidcFailure(db, ip, failure.code, failure.message);
  return loginErrorRedirect(failure.code, next, cookies);
}
