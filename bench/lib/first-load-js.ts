// First-load JavaScript per page route, read from a production build's manifests. Next 16 no longer
// prints the sizes, so: the root main files (build-manifest.json, the framework and runtime every page
// loads) plus every entry chunk of the route's segments (layout, error, not-found, page) listed in
// the route's client reference manifest; each chunk counted once, raw and gzip-compressed.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export interface RouteJs {
  route: string;
  chunks: number;
  bytes: number;
  gzipBytes: number;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

function entryFiles(manifestFile: string): { route: string; files: string[] } {
  const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles?: Record<string, string[]> }> };
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[route]; run it against a holder.
  new Function("globalThis", fs.readFileSync(manifestFile, "utf8"))(holder);
  const [key, manifest] = Object.entries(holder.__RSC_MANIFEST)[0]!;
  const files = Object.values(manifest.entryJSFiles ?? {}).flat();
  const route = key.replace(/\/page$/, "") || "/";
  return { route, files };
}

function rootMainFiles(distDir: string): string[] {
  return (JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
}

function sizer(distDir: string): (file: string) => { bytes: number; gzipBytes: number } {
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  return (file) => {
    let s = sizes.get(file);
    if (!s) {
      const body = fs.readFileSync(path.join(distDir, file.replace(/^\/_next\//, "")));
      s = { bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 9 }).length };
      sizes.set(file, s);
    }
    return s;
  };
}

function total(files: string[], size: (f: string) => { bytes: number; gzipBytes: number }) {
  return files.reduce((a, f) => ({ bytes: a.bytes + size(f).bytes, gzipBytes: a.gzipBytes + size(f).gzipBytes }), { bytes: 0, gzipBytes: 0 });
}

/** The framework and runtime files every page loads: the floor of any route. */
function framework(distDir: string): RouteJs {
  const files = rootMainFiles(distDir);
  return { route: "(framework)", chunks: files.length, ...total(files, sizer(distDir)) };
}

export function firstLoadJs(distDir: string): RouteJs[] {
  const roots = rootMainFiles(distDir);
  const size = sizer(distDir);
  const routes: RouteJs[] = [];
  for (const manifest of walk(path.join(distDir, "server", "app"))) {
    const { route, files } = entryFiles(manifest);
    if (route.startsWith("/_")) continue; // _not-found, _global-error: not routes a user opens
    const unique = [...new Set([...roots, ...files].map((f) => f.replace(/^\/_next\//, "")))];
    routes.push({ route, chunks: unique.length, ...total(unique, size) });
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

firstLoadJs.framework = framework;
