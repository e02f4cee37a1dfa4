// The investigation service against a real redis-server where a job ran KEYS: every step of the
// keys-blocking playbook runs, each result is stored verbatim before runStep returns, and the
// playbook's root cause comes out confirmed. Never 6379; everything started is stopped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, startStandalone, stopAll, type RedisProcess, type Topology } from "@/lib/lab";
import { ApiError } from "@/lib/api/problem";
import { getPlaybook } from "@/lib/playbooks";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";
import { openSqliteStore, type OpenedStore } from "@/lib/testing/store-targets";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { isProbeResult } from "./types";
import { loadInvestigation, patchInvestigation, runStep, startInvestigation, type InvestigationDeps } from "./investigation-service";

let lab: Topology & { node: RedisProcess };
let store: OpenedStore;
let config: InstanceConnectionConfig;
let deps: InvestigationDeps;

beforeAll(async () => {
  lab = await startStandalone({ args: ["--slowlog-log-slower-than", "0"] });
  expect(lab.node.port).not.toBe(6379);
  store = await openSqliteStore();
  config = labConfig(lab.node);
  deps = {
    db: store.db,
    requireConfig: async (id) => {
      if (id !== config.id) throw new ApiError("not_found", `No instance with id ${id}`);
      return config;
    },
  };
  // The nightly job: session keys, then KEYS session:* from a named connection that stays open.
  const job = createLabClient(lab.node, { commandTimeoutMs: 0 });
  await job.call("CLIENT", "SETNAME", "nightly-job");
  const pipe = job.pipeline();
  for (let i = 0; i < 5000; i++) pipe.set(`session:${i}`, "x");
  await pipe.exec();
  await job.call("KEYS", "session:*");
  // Left connected: CLIENT LIST shows its last command, cmd=keys.
}, 60_000);

afterAll(async () => {
  getConnectionManager().closeAll();
  await store?.cleanup();
  await stopAll();
});

describe("investigation service on a real redis-server", () => {
  it("refuses an unknown instance or playbook", async () => {
    await expect(startInvestigation({ instanceId: config.id, playbookId: "nope" }, deps)).rejects.toMatchObject({ code: "not_found" });
    await expect(startInvestigation({ instanceId: "00000000-0000-4000-8000-000000000000", playbookId: "keys-blocking" }, deps)).rejects.toMatchObject({ code: "not_found" });
  });

  it("runs every keys-blocking step, stores each result verbatim, and confirms the root cause", async () => {
    const playbook = getPlaybook("keys-blocking")!;
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "keys-blocking" }, deps);
    expect(inv).toMatchObject({ status: "open", instanceId: config.id, playbookId: "keys-blocking" });

    const returned = [];
    for (const step of playbook.investigation) {
      const rec = await runStep(inv.id, step.id, {}, deps);
      expect(rec).toMatchObject({ stepId: step.id, probeId: step.probe, who: "local" });
      expect(isProbeResult(rec.result) && rec.result.error).toBeFalsy();
      // Already in the store when runStep returned.
      const stored = (await loadInvestigation(inv.id, deps)).steps.find((s) => s.id === rec.id);
      expect(stored).toEqual(rec);
      returned.push(rec);
    }

    const detail = await loadInvestigation(inv.id, deps);
    expect(detail.steps.map((s) => s.stepId)).toEqual(playbook.investigation.map((s) => s.id));
    // Verbatim: the JSON read back is the JSON the probe returned.
    expect(detail.steps.map((s) => JSON.stringify(s.result))).toEqual(returned.map((r) => JSON.stringify(r.result)));
    const codes = detail.steps.flatMap((s) => (isProbeResult(s.result) ? s.result.findings : []).map((f) => f.code));
    expect(codes).toEqual(expect.arrayContaining(["slowlog.keys-command", "keys.command-used", "keys.acl-allows"]));
    expect(detail.hypotheses.find((h) => h.rootCauseId === "job-uses-keys")).toMatchObject({ state: "confirmed" });
    expect(detail.hypotheses.find((h) => h.rootCauseId === "not-denied")).toMatchObject({ state: "confirmed", decidedBy: ["keys.acl-allows"] });

    const patched = await patchInvestigation(inv.id, { rootCauseId: "job-uses-keys", status: "mitigated", note: { stepId: "slowlog", text: "batch-7 cron" } }, deps);
    expect(patched).toMatchObject({ status: "mitigated", rootCauseId: "job-uses-keys" });
    expect(patched.steps.at(-1)).toMatchObject({ stepId: "slowlog", note: "batch-7 cron", result: null });
    await expect(patchInvestigation(inv.id, { rootCauseId: "made-up" }, deps)).rejects.toMatchObject({ code: "invalid_params" });
    await expect(runStep(inv.id, "no-such-step", {}, deps)).rejects.toMatchObject({ code: "not_found" });
  }, 60_000);
});
