// The session cookie: httpOnly (no script can read it), SameSite=Lax (not sent on cross-site
// POSTs), Secure when the browser reached us over HTTPS (directly or through a TLS proxy).
export const SESSION_COOKIE = "redline_session";
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export function sessionCookie(value: string, opts: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((opts.maxAgeMs ?? SESSION_TTL_MS) / 1000);
  return [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(opts.secure ? ["Secure"] : [])].join("; ");
}

export function clearedSessionCookie(opts: { secure: boolean }): string {
  return sessionCookie("", { ...opts, maxAgeMs: 0 });
}

/** The cookie's value from a Cookie header, if any. */
export function readSessionCookie(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || undefined;
  }
  return undefined;
}
