#!/usr/bin/env node
// The README's test command: prerequisites, typecheck, lint, unit, integration, build and browser
// tests, in that order, each counted; ends with the line "N passed, N failed" that CI reads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-test-report-"));
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args, env = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return { ok: res.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(0) };
}

function stage(name, fn) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n━━ ${name} ━━`);
  const { ok, seconds, counts } = fn();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed + (ok || counts.failed > 0 ? 0 : 1);
    lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed${ok || counts.failed > 0 ? "" : " (runner failed)"} (${seconds}s)`);
  } else {
    if (ok) passed++;
    else failed++;
    lines.push(`${name}: ${ok ? "ok" : "FAILED"} (${seconds}s)`);
  }
}

function vitestCounts(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function playwrightCounts(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function vitest(project) {
  const out = path.join(reportDir, `${project}.json`);
  const r = run("npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  return { ...r, counts: vitestCounts(out) };
}

stage("doctor", () => run("bash", ["scripts/doctor", "--tests"]));
stage("typecheck", () => run("npx", ["tsc", "--noEmit"]));
stage("lint", () => run("npx", ["eslint", "--max-warnings", "0", "."]));
stage("unit", () => vitest("unit"));
stage("integration", () => vitest("integration"));
// The build gets sentinel secrets in its environment; bundle-secrets then checks no client file holds one.
const buildSecrets = {
  REDLINE_SECRET_KEY: randomBytes(32).toString("hex"),
  REDLINE_BOOTSTRAP_TOKEN: `bundle-scan-${randomBytes(16).toString("hex")}`,
  REDLINE_ADMIN_PASSWORD: `bundle-scan-${randomBytes(12).toString("hex")}`,
  DATABASE_URL: `postgres://redline:${randomBytes(12).toString("hex")}@127.0.0.1:5432/test`,
};
stage("build", () => run("npx", ["next", "build"], buildSecrets));
stage("bundle-secrets", () =>
  run("node", ["scripts/scan-bundle-secrets.mjs", ...Object.values(buildSecrets), new URL(buildSecrets.DATABASE_URL).password]),
);
stage("e2e", () => {
  const out = path.join(reportDir, "e2e.json");
  // Specs import the lab (server-only code): the react-server condition resolves that marker.
  const r = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out, NODE_OPTIONS: "--conditions=react-server" });
  return { ...r, counts: playwrightCounts(out) };
});

fs.rmSync(reportDir, { recursive: true, force: true });
console.log("\n━━ summary ━━");
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
