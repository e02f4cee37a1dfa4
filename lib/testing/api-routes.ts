// The API's route table for tests: every app/api/**/route.ts file and the role each handler must
// declare. Pinned here so that a change of role is a reviewed change.
import fs from "node:fs";
import path from "node:path";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

export const EXPECTED_ROLES: Record<string, string> = {
  "GET /api/alerts": "viewer",
  "GET /api/alerts/rules": "viewer",
  "GET /api/audit": "admin",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "public",
  "GET /api/auth/me": "viewer",
  // Single sign-on: the redirect to the provider and its redirect back happen before any session.
  "GET /api/auth/oidc/start": "public",
  "GET /api/auth/oidc/callback": "public",
  "POST /api/connection-test": "admin",
  "GET /api/instances": "viewer",
  "POST /api/instances": "admin",
  "GET /api/instances/[id]": "viewer",
  "PATCH /api/instances/[id]": "admin",
  "DELETE /api/instances/[id]": "admin",
  "GET /api/instances/[id]/health": "viewer",
  "GET /api/instances/[id]/metrics": "viewer",
  // Viewer at the door; a probe that scans or samples needs a responder (checked in the handler).
  "POST /api/instances/[id]/probes/[probeId]": "viewer",
  "POST /api/instances/[id]/probes/[probeId]/stream": "viewer",
  "GET /api/instances/[id]/triage": "viewer",
  "GET /api/investigations": "viewer",
  "POST /api/investigations": "responder",
  "GET /api/investigations/[id]": "viewer",
  "PATCH /api/investigations/[id]": "responder",
  "POST /api/investigations/[id]/steps/[stepId]/run": "responder",
  "GET /api/investigations/[id]/timeline": "viewer",
  "POST /api/investigations/[id]/timeline": "responder",
  "PATCH /api/investigations/[id]/timeline/[entryId]": "responder",
  "DELETE /api/investigations/[id]/timeline/[entryId]": "responder",
  "GET /api/investigations/[id]/postmortem": "viewer",
  "PUT /api/investigations/[id]/postmortem": "responder",
  "GET /api/investigations/[id]/export": "viewer",
  // Responder at the door; a destructive fix needs an admin (checked in the service).
  "POST /api/investigations/[id]/actions/[actionId]": "responder",
  "POST /api/investigations/[id]/actions/[actionId]/draft": "responder",
  "GET /api/lab": "viewer",
  "POST /api/lab/[scenarioId]/[action]": "responder",
  "GET /api/metrics": "viewer",
  "GET /api/playbooks": "viewer",
  "GET /api/playbooks/[id]": "viewer",
  "GET /api/probes": "viewer",
  // A schema holds no data: tools validating exports fetch it without signing in.
  "GET /api/schemas/investigation-export.json": "public",
  "GET /api/team": "viewer",
  "GET /api/tokens": "admin",
  "POST /api/tokens": "admin",
  "DELETE /api/tokens/[id]": "admin",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
};

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every app/api/**\/route.ts, as its URL path with [segments]. */
export function routeFiles(): Array<{ file: string; url: string }> {
  const root = API_DIR;
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("route.ts") && path.basename(f) === "route.ts")
    .map((f) => ({ file: path.join(root, f), url: `/api/${path.dirname(f).split(path.sep).join("/")}` }))
    .sort((a, b) => a.url.localeCompare(b.url));
}

