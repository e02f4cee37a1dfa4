// Probe: RDB and AOF state of every node, the last fork, where the files live for this version, and
// whether a failed save or AOF write is making the server refuse writes (MISCONF).
import "server-only";
import { z } from "zod";
import { infoNumber, infoString } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { misconfErrorFindings } from "./persistence-errors";
import { persistenceDisabled, persistenceFiles, writesRefused, type PersistenceFileRow } from "./persistence-files";
import { defineProbe } from "./probe";
import { atNode, infoSignals, mergeByCode, ruleFindings } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";

const CONFIG_NAMES = ["dir", "dbfilename", "save", "appendonly", "appendfilename", "appenddirname", "aof-use-rdb-preamble", "stop-writes-on-bgsave-error"];

export interface PersistenceNodeRow {
  node: string;
  version: string | null;
  rdbLastBgsaveStatus: string | null;
  rdbBgsaveInProgress: boolean | null;
  rdbChangesSinceLastSave: number | null;
  rdbLastSaveTime: string | null;
  aofEnabled: boolean | null;
  aofRewriteInProgress: boolean | null;
  aofLastBgrewriteStatus: string | null;
  aofLastWriteStatus: string | null;
  aofCurrentSize: number | null;
  aofBaseSize: number | null;
  latestForkUsec: number | null;
  dir: string | null;
  appenddirname: string | null;
  save: string | null;
  stopWritesOnBgsaveError: string | null;
  writesRefused: boolean | null;
  writesRefusedReason: string | null;
  configError?: string;
  error?: { code: string; message: string };
}

export interface PersistenceData {
  summary: { nodes: number; writesRefused: number; saveFailed: number; aofEnabled: number; persistenceDisabled: number };
  rows: PersistenceNodeRow[];
  files: PersistenceFileRow[];
}

const EMPTY_ROW: Omit<PersistenceNodeRow, "node"> = {
  version: null, rdbLastBgsaveStatus: null, rdbBgsaveInProgress: null, rdbChangesSinceLastSave: null, rdbLastSaveTime: null,
  aofEnabled: null, aofRewriteInProgress: null, aofLastBgrewriteStatus: null, aofLastWriteStatus: null, aofCurrentSize: null,
  aofBaseSize: null, latestForkUsec: null, dir: null, appenddirname: null, save: null, stopWritesOnBgsaveError: null,
  writesRefused: null, writesRefusedReason: null,
};

export const persistenceProbe = defineProbe({
  id: "persistence",
  title: "Persistence",
  description: "RDB and AOF status, the last fork, file locations for this Redis version, and whether failed saves are refusing writes.",
  cost: "O(1)",
  redisCli: "redis-cli INFO persistence && redis-cli CONFIG GET dir && redis-cli CONFIG GET appenddirname && redis-cli CONFIG GET stop-writes-on-bgsave-error",
  params: z.object({}).strict(),
  async run(ctx) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["server", "persistence", "stats", "errorstats"]);
      const { config, error: configError } = await readConfig(runner, CONFIG_NAMES);
      const n = (f: string) => infoNumber(info, f) ?? null;
      const s = (f: string) => infoString(info, f) ?? null;
      const flag = (f: string) => (s(f) === null ? null : s(f) === "1");
      const version = s("redis_version");
      const lastSave = n("rdb_last_save_time");
      const refused = writesRefused(info.fields, config);
      const row: PersistenceNodeRow = {
        node: node.address,
        version,
        rdbLastBgsaveStatus: s("rdb_last_bgsave_status"),
        rdbBgsaveInProgress: flag("rdb_bgsave_in_progress"),
        rdbChangesSinceLastSave: n("rdb_changes_since_last_save"),
        rdbLastSaveTime: lastSave === null ? null : new Date(lastSave * 1000).toISOString(),
        aofEnabled: flag("aof_enabled"),
        aofRewriteInProgress: flag("aof_rewrite_in_progress"),
        aofLastBgrewriteStatus: s("aof_last_bgrewrite_status"),
        aofLastWriteStatus: s("aof_last_write_status"),
        // Present only while AOF is on.
        aofCurrentSize: n("aof_current_size"),
        aofBaseSize: n("aof_base_size"),
        latestForkUsec: n("latest_fork_usec"),
        dir: config.dir ?? null,
        appenddirname: config.appenddirname ?? null,
        save: config.save ?? null,
        stopWritesOnBgsaveError: config["stop-writes-on-bgsave-error"] ?? null,
        writesRefused: refused.refused,
        writesRefusedReason: refused.reason,
        ...(configError ? { configError } : {}),
      };

      const findings: Finding[] = ruleFindings(["persistence.bgsave-failed", "persistence.aof-write-failed", "persistence.aof-rewrite-failed"], infoSignals(info, config));
      findings.push(...misconfErrorFindings(info));
      if (refused.refused) {
        findings.push({
          code: "persistence.writes-refused",
          severity: "critical",
          message: `${refused.reason}${refused.assumedDefaults ? " (CONFIG unreadable: Redis defaults assumed)" : ""}`,
          evidence: {
            rdbLastBgsaveStatus: row.rdbLastBgsaveStatus ?? "",
            aofLastWriteStatus: row.aofLastWriteStatus ?? "",
            stopWritesOnBgsaveError: row.stopWritesOnBgsaveError ?? "unknown (default yes)",
          },
        });
      }
      const disabled = persistenceDisabled(info.fields, config);
      if (disabled) {
        findings.push({
          code: "persistence.disabled",
          severity: "info",
          message: "Neither RDB save points nor AOF are configured: a restart starts empty",
          evidence: { save: config.save ?? "", appendonly: config.appendonly ?? "" },
        });
      }
      return { row, files: persistenceFiles(node.address, version ?? undefined, config), findings: atNode(findings, node.address), disabled: Boolean(disabled) };
    });
    throwIfAllFailed(outcomes);

    const rows = outcomes.map((o) => o.value?.row ?? { node: o.node.address, ...EMPTY_ROW, error: o.error });
    const data: PersistenceData = {
      summary: {
        nodes: rows.length,
        writesRefused: rows.filter((r) => r.writesRefused).length,
        saveFailed: rows.filter((r) => r.rdbLastBgsaveStatus === "err").length,
        aofEnabled: rows.filter((r) => r.aofEnabled).length,
        persistenceDisabled: outcomes.filter((o) => o.value?.disabled).length,
      },
      rows,
      files: outcomes.flatMap((o) => o.value?.files ?? []),
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
