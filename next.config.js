// Next.js configuration. Node-only packages stay external to the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["ioredis", "better-sqlite3", "pg", "pino", "prom-client"],
};
module.exports = nextConfig;
