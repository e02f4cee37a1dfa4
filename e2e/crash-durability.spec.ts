// Nothing lost: a production Redline of its own (next start, own data dir and port) is killed with
// SIGKILL while clients are saving investigation steps and notes, then restarted on the same data:
// every step and note the API had answered as saved is there. On SQLite and on PostgreSQL (a
// private cluster, never the shared server).
import { expect, test } from "@playwright/test";
import { startStandalone } from "@/lib/lab";
import { startRedlineServer, type RedlineServer } from "@/lib/testing/redline-server";
import { createPrivatePostgres, type PrivatePostgres } from "@/lib/testing/private-postgres";
import { stopLabAfterAll, watchRedline } from "./support/lab";

stopLabAfterAll();

const WRITERS = 6;

for (const backend of ["sqlite", "postgres"] as const) {
  test(`SIGKILL during an investigation loses nothing the API answered as saved (${backend})`, async () => {
    test.setTimeout(120_000);
    let postgres: PrivatePostgres | undefined;
    let server: RedlineServer | undefined;
    let unwatch = () => {};
    try {
      const env: Record<string, string> = { REDLINE_SAMPLER: "off" };
      if (backend === "postgres") {
        postgres = await createPrivatePostgres();
        await postgres.start();
        env.DATABASE_URL = postgres.url;
      }
      const lab = await startStandalone();
      server = await startRedlineServer({ env });
      unwatch = watchRedline(server);
      const s = server;
      const reg = await s.fetch("/api/instances", { body: { name: "crash-target", host: lab.node.host, port: lab.node.port } });
      expect(reg.status).toBe(201);
      const instanceId = ((await reg.json()) as { instance: { id: string } }).instance.id;
      const inv = await s.fetch("/api/investigations", { body: { instanceId, playbookId: "bigkey" } });
      const invId = ((await inv.json()) as { investigation: { id: string } }).investigation.id;

      const savedSteps = new Set<number>();
      const savedNotes = new Set<string>();
      let failedInFlight = 0;
      let killed = false;
      const writer = async (w: number) => {
        for (let n = 0; !killed; n++) {
          try {
            if (n % 2 === 0) {
              const res = await s.fetch(`/api/investigations/${invId}/steps/${n % 4 === 0 ? "memory" : "config"}/run`, { body: {} });
              if (res.status === 200) savedSteps.add(((await res.json()) as { step: { id: number } }).step.id);
            } else {
              const text = `note ${w}-${n}`;
              const res = await s.fetch(`/api/investigations/${invId}`, { method: "PATCH", body: { note: { stepId: "memory", text } } });
              if (res.status === 200) savedNotes.add(text);
            }
          } catch {
            failedInFlight++;
            return;
          }
        }
      };
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await expect.poll(() => savedSteps.size + savedNotes.size, { timeout: 30_000 }).toBeGreaterThan(40);
      await s.kill();
      killed = true;
      await writers;
      expect(failedInFlight, "the kill landed while requests were in flight").toBeGreaterThan(0);

      await s.restart();
      const res = await s.fetch(`/api/investigations/${invId}`);
      expect(res.status).toBe(200);
      const { investigation } = (await res.json()) as { investigation: { steps: Array<{ id: number; note: string | null }> } };
      const ids = new Set(investigation.steps.map((x) => x.id));
      const notes = new Set(investigation.steps.map((x) => x.note).filter(Boolean));
      const lostSteps = [...savedSteps].filter((id) => !ids.has(id));
      const lostNotes = [...savedNotes].filter((t) => !notes.has(t));
      expect({ lostSteps, lostNotes }).toEqual({ lostSteps: [], lostNotes: [] });
      console.log(`${backend}: ${savedSteps.size} steps and ${savedNotes.size} notes answered as saved before SIGKILL, all present after restart`);
    } finally {
      await server?.stop();
      unwatch();
      await postgres?.destroy();
    }
  });
}
