// The client's address for the sign-in rate limit: the first X-Forwarded-For hop (Redline runs
// behind a proxy in production), else X-Real-IP, else "unknown" (one shared bucket).
export function clientIp(headers: Headers): string {
  const xff = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return xff || headers.get("x-real-ip") || "unknown";
}
