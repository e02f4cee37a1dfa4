// Single sign-on, step 1: a link on the login page lands here; we answer with a redirect to the
// identity provider (PKCE, state, nonce) and keep the attempt in a sealed, short-lived cookie.
import { z } from "zod";
import { withApi } from "@/lib/api/with-api";
import { readEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/get-store";
import { clientIp } from "@/lib/security/client-ip";
import { safeNextPath } from "@/lib/security/next-path";
import { isHttps, requestOrigin } from "@/lib/security/same-origin";
import { flowCookie, sealFlow } from "@/lib/security/oidc/flow-cookie";
import { beginSignIn } from "@/lib/security/oidc/relying-party";
import { loginErrorRedirect, redirectTo } from "@/lib/security/oidc/redirects";
import { refuseSignIn } from "@/lib/security/oidc/refuse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "public",
  schemas: { query: z.object({ next: z.string().max(2048).optional() }) },
  handler: async ({ req, query }) => {
    const next = safeNextPath(query.next);
    const env = readEnv().oidc;
    if (!env) return loginErrorRedirect("oidc_not_configured", next);
    // The provider only redirects to URIs registered for the client, so a Host header that lies
    // gets an error page at the provider, never a code sent elsewhere.
    const redirectUri = env.redirectUrl ?? `${requestOrigin(req.headers, req.url)}/api/auth/oidc/callback`;
    const { db, key } = await getStore();
    try {
      const { url, flow } = await beginSignIn(env, redirectUri, next);
      return redirectTo(url.href, [flowCookie(sealFlow(key, flow), { secure: isHttps(req.headers, req.url) })]);
    } catch (err) {
      return refuseSignIn(db, clientIp(req.headers), err, next);
    }
  },
});
