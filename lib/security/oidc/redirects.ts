// The redirects the OIDC routes answer with. Locations on this site are relative (`/login?…`), so a
// forged Host header cannot turn them into a redirect elsewhere; nothing is cached.
import type { OidcErrorCode } from "./errors";
import { safeNextPath } from "../next-path";

export function redirectTo(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

/** Back to the login page with a code it explains; `next` is kept so that a retry still lands there. */
export function loginErrorRedirect(code: OidcErrorCode, next: string | undefined, cookies: string[] = []): Response {
  const q = new URLSearchParams({ error: code });
  const safe = safeNextPath(next);
  if (safe !== "/") q.set("next", safe);
  return redirectTo(`/login?${q}`, cookies);
}
