// Typed JSON fetch for the browser. Every non-2xx answer is RFC 9457 problem+json from withApi;
// it becomes an ApiProblem so pages can show the title, detail and code, and forms the field errors.
import type { FieldError, Problem } from "@/lib/api/problem";

export class ApiProblem extends Error {
  readonly code: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors: FieldError[];

  constructor(problem: Pick<Problem, "title" | "status" | "detail" | "errors"> & { code: string }) {
    super(problem.detail ?? problem.title);
    this.name = "ApiProblem";
    this.code = problem.code;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && typeof (body as Problem).code === "string" && typeof (body as Problem).title === "string";
}

/** A problem for failures that never reached withApi (network down, proxy HTML page). */
function transportProblem(status: number, detail: string): ApiProblem {
  return new ApiProblem({ code: status === 0 ? "network_error" : "http_error", title: status === 0 ? "Cannot reach the Redline server" : `HTTP ${status}`, status, detail });
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      cache: "no-store",
    });
  } catch (err) {
    // An aborted request is the caller's decision, not a failure to report.
    if ((err as Error)?.name === "AbortError") throw err;
    throw transportProblem(0, (err as Error)?.message ?? "Network error");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    if (res.ok) throw transportProblem(res.status, "The server answered with something that is not JSON");
  }
  if (!res.ok) {
    if (isProblem(body)) throw new ApiProblem(body);
    throw transportProblem(res.status, text.slice(0, 200) || res.statusText);
  }
  return body as T;
}

/** React Query retries: a 4xx will not change by asking again; a 5xx or a network blip might. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
