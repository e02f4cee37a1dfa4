import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstLoadJs } from "./first-load-js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A minimal production build as Next 16 (Turbopack) lays it out. */
function fakeBuild(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "redline-fl-"));
  dirs.push(dist);
  const chunk = (name: string, bytes: number) => {
    fs.mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
    fs.writeFileSync(path.join(dist, "static", "chunks", name), "x".repeat(bytes));
  };
  chunk("root.js", 1000);
  chunk("layout.js", 200);
  chunk("page.js", 30);
  chunk("login.js", 7);
  fs.writeFileSync(path.join(dist, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/root.js"] }));
  const manifest = (dir: string, route: string, entries: Record<string, string[]>) => {
    fs.mkdirSync(path.join(dist, "server", "app", dir), { recursive: true });
    fs.writeFileSync(
      path.join(dist, "server", "app", dir, "page_client-reference-manifest.js"),
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(route)}] = ${JSON.stringify({ entryJSFiles: entries })};`,
    );
  };
  manifest("", "/page", { "[project]/app/layout": ["static/chunks/layout.js"], "[project]/app/page": ["static/chunks/layout.js", "static/chunks/page.js"] });
  manifest("login", "/login/page", { "[project]/app/layout": ["static/chunks/layout.js"], "[project]/app/login/page": ["/_next/static/chunks/login.js"] });
  manifest("_not-found", "/_not-found/page", { "[project]/app/layout": ["static/chunks/layout.js"] });
  return dist;
}

describe("firstLoadJs", () => {
  it("adds the root files and each route's entry chunks, counting a shared chunk once", () => {
    const dist = fakeBuild();
    const routes = firstLoadJs(dist);
    expect(routes.map((r) => [r.route, r.chunks, r.bytes])).toEqual([
      ["/", 3, 1230],
      ["/login", 3, 1207],
    ]);
    expect(routes[0]!.gzipBytes).toBeGreaterThan(0);
    expect(routes[0]!.gzipBytes).toBeLessThan(routes[0]!.bytes);
    expect(firstLoadJs.framework(dist)).toMatchObject({ route: "(framework)", chunks: 1, bytes: 1000 });
  });
});
