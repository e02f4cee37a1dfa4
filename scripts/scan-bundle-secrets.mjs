#!/usr/bin/env node
// Scans what a production build sends to browsers (.next/static) for secret values: the build is
// made with sentinel secrets in its environment (see test-all.mjs), and none may appear in a client
// file, raw or base64-encoded. Also fails when a client file names a server-only setting, which would
// mean browser code reads process.env.REDLINE_* (inlined at build time).
//   node scripts/scan-bundle-secrets.mjs <secret>...
import fs from "node:fs";
import path from "node:path";

const secrets = process.argv.slice(2).filter((s) => s.length >= 12);
if (secrets.length === 0) {
  console.error("usage: scan-bundle-secrets.mjs <secret>... (each at least 12 characters)");
  process.exit(2);
}
const SERVER_ONLY = /REDLINE_(SECRET_KEY|BOOTSTRAP_TOKEN|ADMIN_PASSWORD)|DATABASE_URL/;
const root = path.join(".next", "static");
if (!fs.existsSync(root)) {
  console.error(`${root} is missing: run next build first`);
  process.exit(2);
}

const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(root);

const needles = secrets.flatMap((s) => [s, Buffer.from(s).toString("base64")]);
const problems = [];
for (const file of files) {
  const text = fs.readFileSync(file).toString("latin1");
  for (const n of needles) if (text.includes(n)) problems.push(`${file}: contains a secret of the build's environment`);
  const named = SERVER_ONLY.exec(text);
  if (named) problems.push(`${file}: names the server-only setting ${named[0]}`);
}
for (const p of problems) console.error(`✘ ${p}`);
console.log(`${files.length} client files scanned for ${secrets.length} secrets: ${problems.length ? `${problems.length} problems` : "none found"}`);
process.exit(problems.length ? 1 : 0);
