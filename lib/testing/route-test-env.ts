// Test helper for calling route handlers in-process: a temporary data dir and environment (restored
// afterwards), requests carrying the bootstrap admin token, and a teardown that closes connections,
// the store and every lab process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { stopAll } from "@/lib/lab";

export const TEST_BOOTSTRAP_TOKEN = "int-test-bootstrap-token-0123456789";
export const TEST_AUTH = { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` };

export type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Call at module level, before any route module is imported: routes read the environment on load. */
export function routeTestEnv(prefix: string, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `redline-${prefix}-`));
  const vars = { REDLINE_DATA_DIR: dataDir, REDLINE_BOOTSTRAP_TOKEN: TEST_BOOTSTRAP_TOKEN, ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return {
    dataDir,
    call(route: Route, url: string, params: Record<string, string> = {}, init?: { method: string; body: string }) {
      const headers = { "content-type": "application/json", ...TEST_AUTH };
      return route(new NextRequest(`http://127.0.0.1${url}`, { ...init, headers }), { params: Promise.resolve(params) });
    },
    async teardown() {
      const { getStore } = await import("@/lib/store/get-store");
      const { getConnectionManager } = await import("@/lib/redis/connection-manager");
      getConnectionManager().closeAll();
      const storeKey = Symbol.for("redline.store");
      if ((globalThis as Record<symbol, unknown>)[storeKey]) await (await getStore()).db.destroy();
      delete (globalThis as Record<symbol, unknown>)[storeKey];
      await stopAll();
      fs.rmSync(dataDir, { recursive: true, force: true });
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
