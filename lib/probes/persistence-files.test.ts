import { describe, expect, it } from "vitest";
import { majorVersion, persistenceDisabled, persistenceFiles, writesRefused } from "./persistence-files";

describe("persistenceFiles (CORRECTIONS #9)", () => {
  const config = { dir: "/data", dbfilename: "dump.rdb", appendfilename: "appendonly.aof", appenddirname: "appendonlydir", save: "3600 1" };

  it("names multi-part AOF files in appenddirname from 7.0", () => {
    const paths = persistenceFiles("n", "7.0.15", config).map((f) => [f.kind, f.path]);
    expect(paths).toEqual([
      ["rdb", "/data/dump.rdb"],
      ["temp-rdb", "/data/temp-<pid>.rdb"],
      ["aof-base", "/data/appendonlydir/appendonly.aof.<n>.base.rdb"],
      ["aof-incr", "/data/appendonlydir/appendonly.aof.<n>.incr.aof"],
      ["aof-manifest", "/data/appendonlydir/appendonly.aof.manifest"],
      ["temp-aof-rewrite", "/data/temp-rewriteaof-bg-<pid>.aof"],
    ]);
    expect(persistenceFiles("n", "7.2.4", { ...config, "aof-use-rdb-preamble": "no" })[2]!.path).toMatch(/base\.aof$/);
  });

  it("names the single AOF file before 7.0, never appendonly.aof.tmp.N", () => {
    const files = persistenceFiles("n", "6.2.14", config);
    expect(files.map((f) => f.kind)).toEqual(["rdb", "temp-rdb", "aof", "temp-aof-rewrite"]);
    expect(files.find((f) => f.kind === "aof")!.path).toBe("/data/appendonly.aof");
    expect(files.some((f) => /\.tmp\./.test(f.path))).toBe(false);
  });

  it("reads the major version", () => {
    expect(majorVersion("7.0.15")).toBe(7);
    expect(majorVersion("255.255.255")).toBe(255);
    expect(majorVersion(undefined)).toBeUndefined();
  });
});

describe("writesRefused (Redis's writeCommandsDeniedByDiskError)", () => {
  const failed = { rdb_last_bgsave_status: "err", aof_enabled: "0", aof_last_write_status: "ok" };

  it("refuses writes after a failed save with stop-writes-on-bgsave-error yes and save points", () => {
    expect(writesRefused(failed, { "stop-writes-on-bgsave-error": "yes", save: "3600 1" })).toMatchObject({ refused: true, assumedDefaults: false });
  });
  it("does not refuse with stop-writes-on-bgsave-error no, or without save points", () => {
    expect(writesRefused(failed, { "stop-writes-on-bgsave-error": "no", save: "3600 1" }).refused).toBe(false);
    expect(writesRefused(failed, { "stop-writes-on-bgsave-error": "yes", save: "" }).refused).toBe(false);
  });
  it("assumes the defaults when CONFIG is unreadable", () => {
    expect(writesRefused(failed, {})).toMatchObject({ refused: true, assumedDefaults: true });
  });
  it("refuses writes when the AOF write failed, whatever stop-writes says", () => {
    const aof = { rdb_last_bgsave_status: "ok", aof_enabled: "1", aof_last_write_status: "err" };
    expect(writesRefused(aof, { "stop-writes-on-bgsave-error": "no", save: "" }).refused).toBe(true);
    expect(writesRefused({ ...aof, aof_enabled: "0" }, {}).refused).toBe(false);
  });
});

describe("persistenceDisabled", () => {
  it("is true only when neither save points nor AOF are on", () => {
    expect(persistenceDisabled({ aof_enabled: "0" }, { save: "", appendonly: "no" })).toBe(true);
    expect(persistenceDisabled({ aof_enabled: "1" }, { save: "", appendonly: "yes" })).toBe(false);
    expect(persistenceDisabled({ aof_enabled: "0" }, { save: "3600 1", appendonly: "no" })).toBe(false);
    expect(persistenceDisabled({ aof_enabled: "0" }, {})).toBeUndefined();
  });
});
