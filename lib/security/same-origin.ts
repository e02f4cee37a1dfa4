// CSRF defence for cookie sessions: a mutating request must come from a page of this origin. The
// browser sets Origin (or at least Referer) on every cross-site POST/PATCH/DELETE and a page cannot
// forge either, so a mismatch or an absence of both is refused.
export const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** `expected`: this server's origin as the browser sees it (scheme + Host). */
export function isSameOrigin(headers: Headers, expected: string): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin === expected;
  return originOf(headers.get("referer")) === expected;
}

/** The origin the browser used: the Host header plus the scheme a TLS-terminating proxy reports. */
export function requestOrigin(headers: Headers, url: string): string {
  const u = new URL(url);
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? u.host;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? u.protocol.replace(":", "");
  return `${proto}://${host}`;
}

export function isHttps(headers: Headers, url: string): boolean {
  return requestOrigin(headers, url).startsWith("https://");
}
