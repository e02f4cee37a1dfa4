// Sign-out: deletes the session and clears the cookie. Public so that an expired session can still
// clear its cookie; the same-origin check still applies (withApi). A single sign-on session also
// gets the provider's end-session URL (RP-initiated logout) for the browser to go to: 200 with
// { redirect }; otherwise 204.
import { withApi } from "@/lib/api/with-api";
import { readEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/get-store";
import { deleteSession } from "@/lib/store/sessions-repo";
import { audit } from "@/lib/security/audit";
import { credentialsOf } from "@/lib/security/resolve-caller";
import { endSessionUrl } from "@/lib/security/oidc/relying-party";
import { open } from "@/lib/security/secret-box";
import { sha256 } from "@/lib/security/secret-tokens";
import { clearedSessionCookie } from "@/lib/security/session-cookie";
import { isHttps, requestOrigin } from "@/lib/security/same-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "public",
  handler: async ({ req, user }) => {
    const creds = credentialsOf(req.headers);
    let redirect: URL | undefined;
    if (creds.kind === "cookie") {
      const { db, key } = await getStore();
      const ended = await deleteSession(db, sha256(creds.token));
      if (user) await audit(user, "auth.sign-out");
      const oidc = readEnv().oidc;
      if (ended?.oidcIdTokenSealed && oidc) {
        // Back to this Redline's sign-in page: the same origin the provider already knows from the callback.
        const origin = oidc.redirectUrl ? new URL(oidc.redirectUrl).origin : requestOrigin(req.headers, req.url);
        const idToken = openOrUndefined(key, ended.oidcIdTokenSealed);
        if (idToken) redirect = await endSessionUrl(oidc, idToken, `${origin}/login`);
      }
    }
    const headers = { "set-cookie": clearedSessionCookie({ secure: isHttps(req.headers, req.url) }), "cache-control": "no-store" };
    return redirect ? Response.json({ redirect: redirect.href }, { headers }) : new Response(null, { status: 204, headers });
  },
});

/** A token sealed under another key (the key was rotated) cannot be a hint: sign out locally only. */
function openOrUndefined(key: Buffer, sealed: string): string | undefined {
  try {
    return open(key, sealed);
  } catch {
    return undefined;
  }
}
