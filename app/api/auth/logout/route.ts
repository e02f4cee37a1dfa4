// Sign-out: deletes the session and clears the cookie. Public so that an expired session can still
// clear its cookie; the same-origin check still applies (withApi).
import { withApi } from "@/lib/api/with-api";
import { getStore } from "@/lib/store/get-store";
import { deleteSession } from "@/lib/store/sessions-repo";
import { audit } from "@/lib/security/audit";
import { credentialsOf } from "@/lib/security/resolve-caller";
import { sha256 } from "@/lib/security/secret-tokens";
import { clearedSessionCookie } from "@/lib/security/session-cookie";
import { isHttps } from "@/lib/security/same-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "public",
  handler: async ({ req, user }) => {
    const creds = credentialsOf(req.headers);
    if (creds.kind === "cookie") {
      const { db } = await getStore();
      await deleteSession(db, sha256(creds.token));
      if (user) await audit(user, "auth.sign-out");
    }
    return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie({ secure: isHttps(req.headers, req.url) }), "cache-control": "no-store" } });
  },
});
