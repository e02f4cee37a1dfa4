// Probe: the settings the playbooks care about, current vs recommended and why, on every node.
// A disabled, renamed or denied CONFIG is an answer: the audit falls back to what INFO shows.
import "server-only";
import { z } from "zod";
import { infoNumber, infoString } from "@/lib/parse/info";
import { AUDIT_CONFIG_NAMES, auditConfig, auditFindings, configFromInfo, type ConfigAuditRow } from "./config-recommendations";
import type { Finding } from "./finding";
import { defineProbe } from "./probe";
import { atNode, infoSignals, mergeByCode, ruleFindings } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";

export interface ConfigAuditNodeRow {
  node: string;
  source: "config" | "info" | null;
  configError?: string;
  error?: { code: string; message: string };
}

export interface ConfigAuditData {
  summary: { nodes: number; settings: number; warnings: number; infos: number; unreadableNodes: number };
  rows: Array<ConfigAuditRow & { node: string }>;
  nodes: ConfigAuditNodeRow[];
}

export const configAuditProbe = defineProbe({
  id: "config-audit",
  title: "Configuration audit",
  description: "Settings the incident playbooks depend on, compared with recommended values and the reason for each.",
  cost: "O(1)",
  redisCli: `redis-cli CONFIG GET ${AUDIT_CONFIG_NAMES.join(" ")}   # Redis < 7: one CONFIG GET per name`,
  params: z.object({}).strict(),
  async run(ctx) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["server", "clients", "memory", "replication", "cluster"]);
      const read = await readConfig(runner, AUDIT_CONFIG_NAMES);
      const unreadable = Object.keys(read.config).length === 0;
      const rows = auditConfig(
        unreadable ? configFromInfo(info.fields) : read.config,
        {
          clusterEnabled: infoString(info, "cluster_enabled") === "1",
          role: infoString(info, "role"),
          allocator: infoString(info, "mem_allocator"),
          connectedReplicas: infoNumber(info, "connected_slaves") ?? 0,
          connectedClients: infoNumber(info, "connected_clients"),
          fragmentationHigh: ruleFindings(["fragmentation.ratio-high"], infoSignals(info)).length > 0,
        },
        unreadable ? "info" : "config",
      ).map((r) => ({ ...r, node: node.address }));
      return { rows, unreadable, configError: read.error };
    });
    throwIfAllFailed(outcomes);

    const perNode: Finding[] = [];
    for (const o of outcomes) {
      if (!o.value) continue;
      perNode.push(...atNode(auditFindings(o.value.rows), o.node.address));
      if (o.value.unreadable) {
        perNode.push({
          code: "config.unreadable",
          severity: "info",
          message: "CONFIG GET is disabled, renamed or denied: only the settings INFO shows are audited",
          evidence: { node: o.node.address, reason: o.value.configError ?? "CONFIG GET returned nothing" },
        });
      }
    }
    const rows = outcomes.flatMap((o) => o.value?.rows ?? []);
    const nodes: ConfigAuditNodeRow[] = outcomes.map((o) => ({
      node: o.node.address,
      source: o.value ? (o.value.unreadable ? "info" : "config") : null,
      ...(o.value?.configError ? { configError: o.value.configError } : {}),
      ...(o.error ? { error: o.error } : {}),
    }));
    const data: ConfigAuditData = {
      summary: {
        nodes: nodes.length,
        settings: rows.length,
        warnings: rows.filter((r) => r.severity === "warning").length,
        infos: rows.filter((r) => r.severity === "info").length,
        unreadableNodes: nodes.filter((n) => n.source === "info").length,
      },
      rows,
      nodes,
    };
    return { data, findings: mergeByCode(perNode), partial: outcomes.some((o) => o.error) };
  },
});
