// Server logger (pino, JSON lines). Secrets are redacted by path, and error messages pass through
// the same scrubber as API responses so a password never reaches a log line.
import "server-only";
import pino from "pino";

export const logger = pino({
  level: process.env.REDLINE_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "redline" },
  redact: {
    paths: ["password", "*.password", "*.*.password", "secret", "*.secret", "token", "*.token", "authorization", "*.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});
