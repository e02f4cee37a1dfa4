// Probe: one INFO/CONFIG/SLOWLOG look at every node, with the health findings it implies.
import "server-only";
import { z } from "zod";
import { collectNodeSnapshot } from "@/lib/metrics/collect-snapshot";
import { evaluateRules } from "@/lib/metrics/evaluate-rules";
import { healthSignals } from "@/lib/metrics/health-signals";
import { RULES } from "@/lib/metrics/rules";
import { infoString } from "@/lib/parse/info";
import { defineProbe } from "./probe";

export const serverSnapshotProbe = defineProbe({
  id: "server-snapshot",
  title: "Server snapshot",
  description: "Version, role, memory, clients, throughput and the health rules they cross, for every node.",
  cost: "O(1)",
  redisCli: "redis-cli INFO ALL && redis-cli CONFIG GET maxmemory && redis-cli SLOWLOG GET 16",
  params: z.object({}).strict(),
  async run(ctx) {
    const rows = await ctx.forEachNode(async (runner) => {
      const snapshot = await collectNodeSnapshot(runner);
      const signals = healthSignals(snapshot);
      return { snapshot, signals, findings: evaluateRules(RULES, signals) };
    });
    const multi = rows.length > 1;
    const findings = rows.flatMap((r) => (r.value?.findings ?? []).map((f) => (multi ? { ...f, evidence: { ...f.evidence, node: r.node.address } } : f)));
    const data = rows.map((r) => ({
      node: r.node.address,
      role: r.value ? infoString(r.value.snapshot.info, "role") : r.node.role,
      version: r.value ? infoString(r.value.snapshot.info, "redis_version") : undefined,
      signals: r.value?.signals,
      info: r.value?.snapshot.info.sections,
      error: r.error,
    }));
    return { data, findings, partial: rows.some((r) => r.error) };
  },
});
