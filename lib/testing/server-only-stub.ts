// Test-only stand-in for the `server-only` package: vitest runs on the server, so the fence is a no-op.
export {};
