// Typed API error codes and their HTTP status (dub-style). Redis failures keep their DESIGN.md codes.
import type { RedisFailureCode } from "@/lib/redis/failure-codes";

export type ApiErrorCode =
  | "invalid_params"
  | "invalid_json"
  | "payload_too_large"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unauthorized"
  | "too_many_requests"
  | "internal_error"
  | "probe_failed"
  | "lab_failed"
  | "store_unavailable"
  | RedisFailureCode;

export const STATUS: Record<ApiErrorCode, number> = {
  invalid_params: 400,
  invalid_json: 400,
  payload_too_large: 413,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  too_many_requests: 429,
  internal_error: 500,
  probe_failed: 500,
  lab_failed: 500,
  store_unavailable: 503,
  redis_unreachable: 502,
  redis_auth_failed: 502,
  redis_tls_error: 502,
  redis_error: 502,
  redis_timeout: 504,
  redis_busy_script: 503,
  redis_max_clients: 503,
  redis_loading: 503,
  redis_misconf: 503,
  redis_command_disabled: 422,
};

export const TITLES: Record<ApiErrorCode, string> = {
  invalid_params: "Invalid parameters",
  invalid_json: "Body is not valid JSON",
  payload_too_large: "Request body too large",
  not_found: "Not found",
  conflict: "Conflict",
  forbidden: "Forbidden",
  unauthorized: "Sign-in required",
  too_many_requests: "Too many requests",
  internal_error: "Internal error",
  probe_failed: "Probe failed",
  lab_failed: "Lab scenario failed",
  store_unavailable: "Redline's database is unavailable",
  redis_unreachable: "Redis is unreachable",
  redis_auth_failed: "Redis authentication failed",
  redis_tls_error: "TLS error talking to Redis",
  redis_error: "Redis returned an error",
  redis_timeout: "Redis did not answer in time",
  redis_busy_script: "Redis is busy running a script",
  redis_max_clients: "Redis refused the connection: max number of clients reached",
  redis_loading: "Redis is loading its dataset",
  redis_misconf: "Redis refuses writes: persistence error (MISCONF)",
  redis_command_disabled: "Command disabled, renamed or denied",
};
