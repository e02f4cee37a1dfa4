// Single sign-on, step 2: the identity provider sends the browser back here with a code. The state
// must match the sealed attempt cookie (a forged or replayed callback stops here), the code is
// exchanged and the ID token validated, and the person gets the same session cookie as a password
// sign-in. Every failure goes back to /login with a code the page explains, and is audited.
import { withApi } from "@/lib/api/with-api";
import { readEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/get-store";
import { deleteSession } from "@/lib/store/sessions-repo";
import { clientIp } from "@/lib/security/client-ip";
import { isHttps } from "@/lib/security/same-origin";
import { sha256 } from "@/lib/security/secret-tokens";
import { readSessionCookie, sessionCookie } from "@/lib/security/session-cookie";
import { clearedFlowCookie, OIDC_FLOW_COOKIE, openFlow } from "@/lib/security/oidc/flow-cookie";
import { OidcFailure } from "@/lib/security/oidc/oidc-failure";
import { finishSignIn } from "@/lib/security/oidc/relying-party";
import { loginErrorRedirect, redirectTo } from "@/lib/security/oidc/redirects";
import { refuseSignIn } from "@/lib/security/oidc/refuse";
import { signInWithIdentity } from "@/lib/security/oidc/sign-in";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "public",
  handler: async ({ req }) => {
    const secure = isHttps(req.headers, req.url);
    // One attempt, one use: the cookie is cleared whatever happens next.
    const cleared = clearedFlowCookie({ secure });
    const ip = clientIp(req.headers);
    const env = readEnv().oidc;
    if (!env) return loginErrorRedirect("oidc_not_configured", undefined, [cleared]);
    const { db, key } = await getStore();
    const params = req.nextUrl.searchParams;
    const flow = openFlow(key, req.cookies.get(OIDC_FLOW_COOKIE)?.value);
    try {
      if (!flow) throw new OidcFailure("oidc_state", "No valid sign-in attempt cookie (missing, expired, or sealed by another key)");
      if (params.get("state") !== flow.state) throw new OidcFailure("oidc_state", "The state parameter does not match this browser's sign-in attempt");
      if (params.has("error")) throw new OidcFailure("oidc_denied", `The provider answered ${params.get("error")?.replace(/[^\w.-]/g, "").slice(0, 64)}`);
      const identity = await finishSignIn(env, flow, params);
      const result = await signInWithIdentity(db, key, env, identity, ip);
      // Signing in over an existing session replaces it rather than leaving it valid in the store.
      const previous = readSessionCookie(req.headers.get("cookie"));
      if (previous) await deleteSession(db, sha256(previous));
      return redirectTo(flow.next, [cleared, sessionCookie(result.token, { secure })]);
    } catch (err) {
      return refuseSignIn(db, ip, err, flow?.next, [cleared]);
    }
  },
});
