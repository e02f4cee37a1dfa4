// Where to go after signing in: a path on this site only. `next` arrives in URLs that anyone can
// craft, so an absolute URL, a protocol-relative `//host` or a `/\host` (which browsers read as
// `//host`) must never become a redirect to another site. Pure: used by the login page, the login
// form and the OIDC callback.
const BASE = "http://redline.invalid";

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters (tab, newline) are stripped by URL parsers and could turn `/\t/host` into `//host`.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return url.pathname + url.search + url.hash;
}
