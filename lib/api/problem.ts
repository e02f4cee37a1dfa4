// RFC 9457 problem+json: one error shape for every API failure, with a stable `code`.
import { RedisFailure } from "@/lib/redis/classify";
import { isStoreUnavailable } from "@/lib/store/store-errors";
import { STATUS, TITLES, type ApiErrorCode } from "./error-codes";

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ApiErrorCode;
  detail?: string;
  errors?: FieldError[];
}

// Branded like RedisFailure (lib/redis/classify.ts): `instanceof` holds across duplicated module copies.
const BRAND = Symbol.for("redline.ApiError");

export class ApiError extends Error {
  readonly [BRAND] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
  constructor(
    readonly code: ApiErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? TITLES[code]);
  }
}

export function problemOf(code: ApiErrorCode, detail?: string, errors?: FieldError[]): Problem {
  return { type: `https://redline.dev/problems/${code}`, title: TITLES[code], status: STATUS[code], code, detail, errors };
}

export function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return problemOf(err.code, err.message, err.errors);
  if (err instanceof RedisFailure) return problemOf(err.code, err.message);
  // The driver's message may name the database host; the answer says what to do instead.
  if (isStoreUnavailable(err)) return problemOf("store_unavailable", "Redline cannot reach its database right now; retry in a moment (what the API answered as saved before is kept).");
  return problemOf("internal_error", "Something went wrong on the server; it has been logged.");
}

export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
