// Sign-in: username + password → the session cookie. Public by nature; rate limited and audited.
import { withApi } from "@/lib/api/with-api";
import { ApiError } from "@/lib/api/problem";
import { loginSchema } from "@/lib/api/schemas/auth";
import { getStore } from "@/lib/store/get-store";
import { login } from "@/lib/security/login";
import { clientIp } from "@/lib/security/client-ip";
import { sessionCookie } from "@/lib/security/session-cookie";
import { isHttps } from "@/lib/security/same-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "public",
  schemas: { body: loginSchema },
  handler: async ({ req, body }) => {
    const { db } = await getStore();
    const result = await login(db, { ...body, ip: clientIp(req.headers) });
    if (!result.ok) {
      // One message for an unknown user and a wrong password; a locked account says so (its owner must know).
      if (result.reason === "invalid") throw new ApiError("unauthorized", "Wrong username or password");
      const minutes = Math.ceil((result.retryAfterMs ?? 0) / 60_000);
      throw new ApiError("too_many_requests", result.reason === "locked" ? `Too many failed sign-ins: this account is locked for ${minutes} min` : `Too many sign-in attempts from this address; try again in ${minutes} min`);
    }
    const cookie = sessionCookie(result.token, { secure: isHttps(req.headers, req.url) });
    return Response.json({ user: result.user }, { headers: { "set-cookie": cookie, "cache-control": "no-store" } });
  },
});
