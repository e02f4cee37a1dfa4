// Prometheus output validated by Prometheus's own tool: the exported alert rules pass
// `promtool check rules`, and the /api/metrics exposition of a sampled instance passes
// `promtool check metrics` with the expected labels. promtool: Debian package `prometheus`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startStandalone, stopAll, type RedisProcess } from "@/lib/lab";
import { openSqliteStore, type OpenedStore } from "@/lib/testing/store-targets";
import { labConfig } from "@/lib/testing/instance-config";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { runProbe } from "@/lib/probes/run-probe";
import { getProbe } from "@/lib/probes/registry";
import { exposition } from "./prometheus-exposition";
import { prometheusRules } from "./prometheus-rules";
import { testSampler, type TestSampler } from "@/lib/testing/sampler-harness";

const run = promisify(execFile);
const PROMTOOL = process.env.REDLINE_PROMTOOL ?? "promtool";

function promtoolStdin(args: string[], input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

describe("Prometheus alerting rules", () => {
  it("pass `promtool check rules`", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-rules-"));
    const file = path.join(dir, "redline-alerts.yml");
    const { yaml, exported } = prometheusRules();
    fs.writeFileSync(file, yaml);
    try {
      const { stdout } = await run(PROMTOOL, ["check", "rules", file]).catch((err: Error & { stdout?: string; stderr?: string }) => {
        throw new Error(`promtool check rules failed (install the Debian package "prometheus"): ${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`);
      });
      expect(stdout).toContain(`SUCCESS: ${exported.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Prometheus exposition", () => {
  let store: OpenedStore;
  let redis: RedisProcess;
  let t: TestSampler;

  beforeAll(async () => {
    let single: Awaited<ReturnType<typeof startStandalone>>;
    [store, single] = await Promise.all([openSqliteStore(), startStandalone()]);
    redis = single.node;
    t = testSampler(store.db);
    await t.sampler.start();
    await t.samples(await t.register({ name: "cache-1", host: redis.host, port: redis.port }), 3);
    const probe = getProbe("slowlog")!;
    await runProbe(probe, labConfig(redis), probe.params.parse({}));
  });

  afterAll(async () => {
    await t?.stop();
    getConnectionManager().closeAll();
    await stopAll();
    await store?.cleanup();
  });

  it("labels each node's figures with instance, address and role, next to Redline's own", async () => {
    const { body, contentType } = await exposition(t.sampler);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const labels = `instance="cache-1",address="127.0.0.1:${redis.port}",role="master"`;
    expect(body).toMatch(new RegExp(`^redline_memory_used_bytes\\{${labels}\\} \\d+`, "m"));
    expect(body).toMatch(new RegExp(`^redline_latency_ping_seconds\\{${labels}\\} [\\d.e-]+`, "m"));
    expect(body).toMatch(new RegExp(`^redline_ops_per_second\\{${labels}\\} [\\d.e-]+`, "m"));
    expect(body).toContain(`redline_up{${labels},error=""} 1`);
    expect(body).toMatch(/^redline_sampler_tick_lag_seconds_count \d+/m);
    expect(body).toMatch(/^redline_sample_duration_seconds_count \d+/m);
    expect(body).toMatch(/^redline_probe_duration_seconds_count\{probe="slowlog",outcome="ok"\} 1/m);
    expect(body).toMatch(/^redline_nodejs_eventloop_lag_p99_seconds /m);
  });

  it("passes `promtool check metrics` (but for prom-client's own process gauges named *_total)", async () => {
    const { body } = await exposition(t.sampler);
    const { code, out } = await promtoolStdin(["check", "metrics"], body);
    const problems = out
      .split("\n")
      .filter(Boolean)
      .filter((line) => !/^redline_nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/.test(line));
    expect(problems).toEqual([]);
    expect(body.length).toBeGreaterThan(1000);
    // promtool exits 3 for lint findings (the ignored ones above), 1 when the text does not parse.
    expect([0, 3], out).toContain(code);
  });
});
