// Lab processes for browser specs: real redis-server processes, stopped by PID after each spec file,
// each watched by the do-no-harm recorder (MONITOR + CLIENT LIST) while the spec runs.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { stopAll } from "@/lib/lab";
import { startHarmRecorder } from "@/lib/testing/harm-recorder";

// Every Redline whose registrations count: the suite's server, plus any a spec starts of its own.
const redlines = new Set<{ url: string; token: string }>([
  { url: `http://127.0.0.1:${process.env.REDLINE_E2E_PORT ?? 3100}`, token: process.env.REDLINE_E2E_BOOTSTRAP_TOKEN ?? "" },
]);

/** A spec's own Redline (crash, load): its registrations are allowed their two connections too. Returns the unwatch, for once it has stopped. */
export function watchRedline(server: { url: string; token: string }): () => void {
  const entry = { url: server.url, token: server.token };
  redlines.add(entry);
  return () => void redlines.delete(entry);
}

/**
 * How many registered instances point at host:port over every Redline, or undefined when one of them
 * does not answer (stopping, killed on purpose): the recorder then checks again on its next poll.
 */
async function registrations(address: string): Promise<number | undefined> {
  let n = 0;
  for (const { url, token } of redlines) {
    const res = await fetch(`${url}/api/instances`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    if (!res?.ok) return undefined;
    const { instances } = (await res.json()) as { instances: Array<{ instance: { host: string; port: number } }> };
    n += instances.filter((i) => `${i.instance.host}:${i.instance.port}` === address).length;
  }
  return n;
}

/**
 * Registers the recorder for this spec file, and an afterAll that stops every redis-server it started
 * and fails the file if Redline sent a forbidden command or held too many connections, or sent a
 * mutating one while the spec runs no fix action (`{ fixActions: true }` for a spec that applies
 * guarded fixes: their commands are mutating by design; forbidden ones still fail).
 */
export function stopLabAfterAll(opts: { fixActions?: boolean } = {}): void {
  let recorder: ReturnType<typeof startHarmRecorder> | undefined;
  test.beforeAll(() => {
    recorder = startHarmRecorder(registrations);
  });
  test.afterAll(async () => {
    const report = recorder?.report;
    recorder?.stop();
    await stopAll();
    if (!report) return;
    // One line per spec file; global teardown prints the totals (the README quotes them).
    const dir = process.env.REDLINE_E2E_DATA_DIR;
    if (dir) fs.appendFileSync(path.join(dir, "harm-report.jsonl"), JSON.stringify({ file: test.info().file, ...report }) + "\n");
    expect(report.violations, "do no harm: Redline's commands and connections on the lab servers").toEqual([]);
    if (!opts.fixActions) expect(report.mutating, "do no harm: mutating commands with no fix action in this spec").toEqual([]);
  });
}
