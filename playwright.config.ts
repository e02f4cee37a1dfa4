// Browser tests: real Chromium (Debian's), a production build of Redline on its own port and data
// dir, and real redis-server processes started by the specs through lib/lab.
import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

// The runner and its workers each load this file; the env var makes them agree on one data dir.
process.env.REDLINE_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "redline-e2e-"));
// Specs import server-only lib code (the lab): run Playwright with NODE_OPTIONS=--conditions=react-server
// (npm run test:e2e does), which resolves the `server-only` marker to its empty server build.

const port = Number(process.env.REDLINE_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.REDLINE_E2E_DATA_DIR;
// Credentials of this run, shared by the runner and its workers like the data dir. The API is
// called with the bootstrap token (an admin Bearer token); pages sign in as the first admin.
process.env.REDLINE_E2E_BOOTSTRAP_TOKEN ??= `e2e-bootstrap-${randomBytes(16).toString("hex")}`;
process.env.REDLINE_E2E_ADMIN_PASSWORD ??= `e2e-admin-${randomBytes(12).toString("hex")}`;
export const ADMIN_STATE = path.join(dataDir, "admin-state.json");
const json = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: json ? [["list"], ["json", { outputFile: json }]] : [["list"]],
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    // Bearer wins over the cookie on the server, so the `request` fixture (and pages' API calls) act
    // as admin; specs about roles open their own browser contexts without it (e2e/support/auth.ts).
    extraHTTPHeaders: { authorization: `Bearer ${process.env.REDLINE_E2E_BOOTSTRAP_TOKEN}` },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.REDLINE_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/, use: { storageState: ADMIN_STATE } },
  ],
  webServer: {
    // exec: the server is this one process, so stopping it leaves nothing behind.
    command: `exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${port} > ${dataDir}/server.log 2>&1`,
    url: `${baseURL}/api/probes`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      REDLINE_DATA_DIR: dataDir,
      REDLINE_LOG_LEVEL: "info",
      NODE_OPTIONS: "",
      REDLINE_COMMAND_TIMEOUT_MS: "2000",
      REDLINE_BOOTSTRAP_TOKEN: process.env.REDLINE_E2E_BOOTSTRAP_TOKEN,
      REDLINE_ADMIN_PASSWORD: process.env.REDLINE_E2E_ADMIN_PASSWORD,
    },
  },
});
