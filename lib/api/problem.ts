// RFC 9457 problem+json: one error shape for every API failure, with a stable `code`.
import { RedisFailure } from "@/lib/redis/classify";
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

export class ApiError extends Error {
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
  return problemOf("internal_error", "Something went wrong on the server; it has been logged.");
}

export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
