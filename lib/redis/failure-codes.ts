// Classified Redis failure codes (DESIGN.md). Pure: shared by server, client and exports.
export const REDIS_FAILURE_CODES = [
  "redis_unreachable",
  "redis_auth_failed",
  "redis_timeout",
  "redis_busy_script",
  "redis_max_clients",
  "redis_loading",
  "redis_misconf",
  "redis_command_disabled",
  "redis_tls_error",
  "redis_error",
] as const;
export type RedisFailureCode = (typeof REDIS_FAILURE_CODES)[number];

/** Which playbook a failure class points at: a refused connection is evidence too. */
export const FAILURE_PLAYBOOK: Partial<Record<RedisFailureCode, string>> = {
  redis_busy_script: "lua-busy",
  redis_max_clients: "connection-exhaustion",
  redis_misconf: "aof-disk-full",
};

export const FAILURE_TITLES: Record<RedisFailureCode, string> = {
  redis_unreachable: "Unreachable",
  redis_auth_failed: "Authentication failed",
  redis_timeout: "Timed out",
  redis_busy_script: "Busy running a script",
  redis_max_clients: "Max clients reached",
  redis_loading: "Loading dataset",
  redis_misconf: "Persistence error (MISCONF)",
  redis_command_disabled: "Command disabled or renamed",
  redis_tls_error: "TLS error",
  redis_error: "Redis error",
};
