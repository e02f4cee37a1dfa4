// Pure part of the persistence probe: where the server keeps its RDB and AOF files for the version it
// reports (CORRECTIONS #9: multi-part AOF from 7.0), whether a failed save makes it refuse writes,
// and whether anything is persisted at all.
import { parseNumber } from "@/lib/parse/reply";

export interface PersistenceFileRow {
  node: string;
  kind: "rdb" | "aof" | "aof-base" | "aof-incr" | "aof-manifest" | "temp-rdb" | "temp-aof-rewrite";
  path: string;
  note: string;
}

export function majorVersion(version: string | undefined): number | undefined {
  const major = parseNumber((version ?? "").split(".")[0] ?? "");
  return major === undefined ? undefined : Math.trunc(major);
}

/** Paths as Redis names them; `<n>` is the sequence number in the manifest, `<pid>` the fork child's pid. */
export function persistenceFiles(node: string, version: string | undefined, config: Record<string, string>): PersistenceFileRow[] {
  const dir = config.dir ?? "<dir>";
  const aofName = config.appendfilename ?? "appendonly.aof";
  const rows: PersistenceFileRow[] = [
    { node, kind: "rdb", path: `${dir}/${config.dbfilename ?? "dump.rdb"}`, note: `RDB snapshot; save points: ${config.save === undefined ? "unknown" : config.save || "none"}` },
    { node, kind: "temp-rdb", path: `${dir}/temp-<pid>.rdb`, note: "Written by the BGSAVE child, renamed over the RDB when complete; a leftover one means a save died" },
  ];
  const major = majorVersion(version);
  if (major !== undefined && major >= 7) {
    const aofDir = `${dir}/${config.appenddirname ?? "appendonlydir"}`;
    const baseExt = config["aof-use-rdb-preamble"] === "no" ? "aof" : "rdb";
    rows.push(
      { node, kind: "aof-base", path: `${aofDir}/${aofName}.<n>.base.${baseExt}`, note: "Multi-part AOF (7.0+): the base written by the last rewrite" },
      { node, kind: "aof-incr", path: `${aofDir}/${aofName}.<n>.incr.aof`, note: "Writes since that rewrite; a rewrite opens a new one" },
      { node, kind: "aof-manifest", path: `${aofDir}/${aofName}.manifest`, note: "Lists which base and incr files make up the AOF" },
    );
  } else {
    rows.push({ node, kind: "aof", path: `${dir}/${aofName}`, note: "Single-file AOF (before 7.0)" });
  }
  rows.push({ node, kind: "temp-aof-rewrite", path: `${dir}/temp-rewriteaof-bg-<pid>.aof`, note: "Written by the BGREWRITEAOF child; leftovers after a failed rewrite take disk space" });
  return rows;
}

export interface WritesRefused {
  refused: boolean;
  reason: string | null;
  /** stop-writes-on-bgsave-error or save could not be read; the defaults (yes, save points set) were assumed. */
  assumedDefaults: boolean;
}

/** Mirrors Redis's writeCommandsDeniedByDiskError: when MISCONF refuses writes. */
export function writesRefused(fields: Record<string, string>, config: Record<string, string>): WritesRefused {
  const assumedDefaults = config["stop-writes-on-bgsave-error"] === undefined || config.save === undefined;
  const stopWrites = (config["stop-writes-on-bgsave-error"] ?? "yes") === "yes";
  const hasSavePoints = (config.save ?? "default").trim() !== "";
  if (fields.rdb_last_bgsave_status === "err" && stopWrites && hasSavePoints) {
    return { refused: true, reason: "The last background save failed and stop-writes-on-bgsave-error is yes: writes get MISCONF", assumedDefaults };
  }
  if (fields.aof_enabled === "1" && fields.aof_last_write_status === "err") {
    return { refused: true, reason: "Writing the AOF failed: writes get MISCONF until a write to the AOF succeeds", assumedDefaults };
  }
  return { refused: false, reason: null, assumedDefaults };
}

/** True when neither RDB save points nor AOF are on; undefined when `save` could not be read. */
export function persistenceDisabled(fields: Record<string, string>, config: Record<string, string>): boolean | undefined {
  if (config.save === undefined) return undefined;
  const aofOn = config.appendonly === "yes" || fields.aof_enabled === "1";
  return config.save.trim() === "" && !aofOn;
}
