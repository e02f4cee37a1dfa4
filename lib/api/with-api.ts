// The one wrapper every API route goes through: authenticates the caller and checks the route's
// declared role (required, so no route can forget it), parses params, query and body with zod, maps
// every failure to problem+json, and never caches. Routes stay thin.
import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { logger } from "@/lib/log/logger";
import { scrubSecrets } from "@/lib/security/scrub";
import { authorize, type AuthLevel } from "@/lib/security/authorize";
import type { Caller } from "@/lib/security/caller";
import { ApiError, problemResponse, toProblem, type FieldError } from "./problem";

const MAX_BODY_BYTES = 256 * 1024;

interface Schemas<P, Q, B> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

export interface ApiContext<P, Q, B, A extends AuthLevel = AuthLevel> {
  req: NextRequest;
  /** Who is calling; on a public route, whoever is signed in, if anyone. */
  user: A extends "public" ? Caller | undefined : Caller;
  params: P;
  query: Q;
  body: B;
}

type Handler<P, Q, B, A extends AuthLevel> = (ctx: ApiContext<P, Q, B, A>) => Promise<Response | object>;

export type RouteHandler = ((req: NextRequest, segment: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  /** The role this route needs, for the route table test and reviewers. */
  auth: AuthLevel;
};

type Issue = z.core.$ZodIssue;

/** A record key's own message sits one level down, under the `invalid_key` issue. */
function innermost(issue: Issue): { path: PropertyKey[]; message: string } {
  const nested = issue.code === "invalid_key" || issue.code === "invalid_element" ? issue.issues?.[0] : undefined;
  if (!nested) return { path: issue.path, message: issue.message };
  const inner = innermost(nested as Issue);
  return { path: [...issue.path, ...inner.path], message: inner.message };
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const { path, message } = innermost(i as Issue);
    return { field: path.map(String).join(".") || "(body)", message };
  });
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new ApiError("invalid_params", `Invalid ${where}: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);
  }
  return result.data;
}

async function readBody(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid JSON");
  }
}

export function withApi<P = undefined, Q = undefined, B = undefined, A extends AuthLevel = AuthLevel>(opts: {
  auth: A;
  schemas?: Schemas<P, Q, B>;
  status?: number;
  handler: Handler<P, Q, B, A>;
}): RouteHandler {
  const route = async function route(req: NextRequest, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> {
    try {
      // Before any parsing: an anonymous caller learns nothing, not even which parameters are valid.
      const user = (await authorize(req, opts.auth)) as ApiContext<P, Q, B, A>["user"];
      const params = parse(opts.schemas?.params, await segment.params, "path parameters");
      const query = parse(opts.schemas?.query, Object.fromEntries(req.nextUrl.searchParams), "query");
      const body = opts.schemas?.body ? parse(opts.schemas.body, await readBody(req), "body") : (undefined as B);
      const out = await opts.handler({ req, user, params, query, body });
      if (out instanceof Response) return out;
      return Response.json(out, { status: opts.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (err) {
      const problem = toProblem(err);
      if (problem.code === "store_unavailable") logger.warn({ err: scrubSecrets(String((err as Error)?.message ?? err)), path: req.nextUrl.pathname }, "store unavailable");
      if (problem.status >= 500 && problem.code === "internal_error") {
        logger.error({ err: scrubSecrets(String((err as Error)?.stack ?? err)), path: req.nextUrl.pathname }, "API handler failed");
      }
      return problemResponse({ ...problem, detail: problem.detail && scrubSecrets(problem.detail) });
    }
  };
  return Object.assign(route, { auth: opts.auth as AuthLevel });
}
