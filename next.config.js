// Next.js configuration. Node-only packages stay external to the server bundle. Security headers
// on every response: a strict CSP, no framing, no MIME sniffing, no referrer to other sites.
// script-src keeps 'unsafe-inline' because Next's bootstrap and the theme script are inline; a
// per-request nonce (proxy.ts) would remove it but makes every page dynamic; not done yet.
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["ioredis", "better-sqlite3", "pg", "pino", "prom-client", "@node-rs/argon2", "playwright-core"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
