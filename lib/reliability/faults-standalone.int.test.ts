// Faults on a single redis-server, through the real API handlers: each fault must show in the API as
// a classified code within the probe timeout, must not slow other instances, and must clear by itself
// (or after the operator's fix) once the fault ends. Short timeouts keep the file fast.
import net from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_WITHIN_MS, errorCodes, faultApi, faultTestEnv, within, type FaultApi } from "@/lib/testing/fault-api";
import { createLabClient, findFreePort, labCommand, startRedis, startStandalone, waitUntil } from "@/lib/lab";

const RECOVER_WITHIN_MS = 20_000;

const server = faultTestEnv("faults-standalone");
let api: FaultApi;

const okProbe = (r: { error?: unknown; partial: boolean }) => !r.error && errorCodes(r as never).length === 0;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t0 };
}

beforeAll(async () => {
  api = await faultApi(server);
});
afterAll(() => server.teardown());

describe("faults on a standalone server", () => {
  it("SIGSTOP during a probe: redis_timeout in time, another instance unaffected, recovers after SIGCONT", async () => {
    const [a, b] = await Promise.all([startStandalone(), startStandalone()]);
    const ida = await api.register({ name: "frozen", host: a.node.host, port: a.node.port });
    const idb = await api.register({ name: "healthy-neighbour", host: b.node.host, port: b.node.port });
    expect(okProbe(await api.probe(ida, "memory"))).toBe(true);
    a.node.freeze();
    try {
      const [ra, rb] = await Promise.all([timed(() => api.probe(ida, "memory")), timed(() => api.probe(idb, "memory"))]);
      expect(errorCodes(ra.value)).toContain("redis_timeout");
      expect(ra.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(okProbe(rb.value)).toBe(true);
      // The neighbour never waits for the frozen instance's timeout.
      expect(rb.ms).toBeLessThan(ra.ms);
      const h = await timed(() => api.health(ida));
      expect(h.value.status).toBe("unreachable");
      expect(errorCodes(h.value)).toContain("redis_timeout");
      expect(h.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect((await api.health(idb)).status).toBe("ok");
    } finally {
      a.node.thaw();
    }
    await within(RECOVER_WITHIN_MS, () => api.probe(ida, "memory"), okProbe);
    await within(RECOVER_WITHIN_MS, () => api.health(ida), (h) => h.status !== "unreachable");
  });

  it("killed in the middle of a scan: the bigkeys result is partial, nothing crashes, and it recovers on restart", async () => {
    const lab = await startStandalone({ args: ["--enable-debug-command", "local"] });
    await labCommand(lab.node, ["DEBUG", "POPULATE", "400000", "key", "10"]);
    const id = await api.register({ name: "killed-mid-scan", host: lab.node.host, port: lab.node.port });
    const port = lab.node.port;
    const scan = api.probe(id, "bigkeys", { budgetMs: 60_000, latencyBudgetMs: 100 });
    // Kill once the scan is under way (it has sent its first SCAN batches).
    await waitUntil(
      async () => Number(/total_commands_processed:(\d+)/.exec(String(await labCommand(lab.node, ["INFO", "stats"])))?.[1]) > 500 || "not scanning yet",
      { timeoutMs: 10_000, intervalMs: 20, what: "the scan to start" },
    );
    await lab.node.kill();
    const { value: result, ms } = await timed(() => scan);
    expect(result.partial).toBe(true);
    expect(errorCodes(result)).toContain("redis_unreachable");
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    // Still serving: the health of the dead instance is a classified answer, not a throw.
    expect((await api.health(id)).status).toBe("unreachable");
    // The server comes back on the same port: Redline reconnects on its own.
    await startRedis({ port });
    await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
  });

  it("BUSY script: redis_busy_script, then recovers when the script is killed", async () => {
    const lab = await startStandalone({ args: ["--busy-reply-threshold", "100"] });
    const id = await api.register({ name: "busy", host: lab.node.host, port: lab.node.port });
    expect(okProbe(await api.probe(id, "memory"))).toBe(true);
    const scripter = createLabClient(lab.node, { commandTimeoutMs: 0 });
    const script = scripter.eval("while true do end", 0).catch((e: Error) => e);
    try {
      await waitUntil(async () => (await labCommand(lab.node, ["PING"]).then(() => "not busy yet", (e: Error) => /BUSY/.test(e.message) || e.message)), { timeoutMs: 5000, what: "BUSY" });
      const r = await timed(() => api.probe(id, "memory"));
      expect(errorCodes(r.value)).toContain("redis_busy_script");
      expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
      const h = await api.health(id);
      expect(errorCodes(h)).toContain("redis_busy_script");
      expect(h.findings.map((f) => f.code)).toContain("lua.busy");
    } finally {
      await labCommand(lab.node, ["SCRIPT", "KILL"]).catch(() => {});
      await script;
      scripter.disconnect();
    }
    await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
  });

  it("LOADING a large RDB: redis_loading while it loads, then recovers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-loading-"));
    try {
      const first = await startRedis({ dir, args: ["--enable-debug-command", "local"] });
      await labCommand(first, ["DEBUG", "POPULATE", "30000", "key", "10"]);
      await labCommand(first, ["SAVE"]);
      const id = await api.register({ name: "loading", host: first.host, port: first.port });
      expect(okProbe(await api.probe(id, "memory"))).toBe(true);
      await first.stop();
      // key-load-delay (µs per key) makes the 30,000-key RDB take ≥ 1 s to load; a small
      // events interval lets the server answer LOADING meanwhile instead of not at all.
      const restarting = startRedis({ dir, port: first.port, readyTimeoutMs: 30_000, args: ["--key-load-delay", "60", "--loading-process-events-interval-bytes", "1024"] });
      let loaded = false;
      void restarting.then(() => (loaded = true), () => {});
      const seen = await within(10_000, () => api.probe(id, "memory"), (r) => errorCodes(r).includes("redis_loading"), 50);
      expect(seen.value.error?.code).toBe("redis_loading");
      const h = await timed(() => api.health(id));
      expect(h.ms).toBeLessThan(ANSWER_WITHIN_MS);
      // Health read while the server still loads says so (a load that ended meanwhile is fine too).
      if (!loaded) expect(errorCodes(h.value)).toContain("redis_loading");
      await restarting;
      await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("MISCONF: the failed save is a critical finding, and clears once a save succeeds", async () => {
    const lab = await startStandalone({ args: ["--enable-protected-configs", "yes"] });
    const id = await api.register({ name: "misconf", host: lab.node.host, port: lab.node.port });
    await labCommand(lab.node, ["SET", "k", "v"]);
    await labCommand(lab.node, ["CONFIG", "SET", "save", "900 1"]);
    await labCommand(lab.node, ["CONFIG", "SET", "dir", "/proc"]);
    await labCommand(lab.node, ["BGSAVE"]);
    await waitUntil(async () => String(await labCommand(lab.node, ["INFO", "persistence"])).includes("rdb_last_bgsave_status:err") || "not failed yet", { timeoutMs: 5000, what: "failed BGSAVE" });
    const h = await timed(() => api.health(id));
    expect(h.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(h.value.status).toBe("critical");
    expect(h.value.findings.map((f) => f.code)).toContain("persistence.bgsave-failed");
    const probe = await api.probe(id, "persistence");
    expect(JSON.stringify(probe.findings)).toMatch(/bgsave/);
    // The fault ends: the disk is writable again and a save succeeds.
    await labCommand(lab.node, ["CONFIG", "SET", "dir", lab.node.dir]);
    await labCommand(lab.node, ["BGSAVE"]);
    await within(RECOVER_WITHIN_MS, () => api.health(id), (x) => !x.findings.some((f) => f.code === "persistence.bgsave-failed"));
    await labCommand(lab.node, ["CONFIG", "SET", "save", ""]);
  });

  it("maxclients reached: a new registration gets redis_max_clients, the warm one keeps working, both recover", async () => {
    const lab = await startStandalone({ args: ["--maxclients", "8"] });
    const warm = await api.register({ name: "warm", host: lab.node.host, port: lab.node.port });
    expect(okProbe(await api.probe(warm, "memory"))).toBe(true);
    const sockets: net.Socket[] = [];
    let cold = "";
    try {
      // Plain TCP connections count as clients: open them until the server refuses one.
      for (let i = 0; i < 20; i++) {
        const s = net.connect(lab.node.port, lab.node.host);
        sockets.push(s);
        s.on("error", () => {});
        const refused = await new Promise<boolean>((resolve) => {
          s.once("data", (d) => resolve(/max number of clients/.test(d.toString())));
          s.once("connect", () => setTimeout(() => resolve(false), 100));
        });
        if (refused) break;
      }
      cold = await api.register({ name: "cold", host: lab.node.host, port: lab.node.port });
      const r = await timed(() => api.probe(cold, "memory"));
      expect(errorCodes(r.value)).toContain("redis_max_clients");
      expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(errorCodes(await api.health(cold))).toContain("redis_max_clients");
      expect(okProbe(await api.probe(warm, "memory"))).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
    }
    for (const id of [warm, cold]) await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
  });

  it("password changed after registration: redis_auth_failed, then recovers with the new password or the old one back", async () => {
    const lab = await startStandalone({ password: "before-change" });
    const id = await api.register({ name: "password-changed", host: lab.node.host, port: lab.node.port, password: "before-change" });
    expect(okProbe(await api.probe(id, "memory"))).toBe(true);
    await labCommand(lab.node, ["CONFIG", "SET", "requirepass", "after-change"]);
    // Open connections stay authenticated; the change bites on the next connect (a restart, a blip).
    await labCommand({ ...lab.node, password: "after-change" }, ["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"]);
    const r = await within(ANSWER_WITHIN_MS, () => api.probe(id, "memory"), (x) => errorCodes(x).includes("redis_auth_failed"));
    expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(errorCodes(await api.health(id))).toContain("redis_auth_failed");
    // The fault ends: the old password is back. Redline recovers without an edit.
    await labCommand({ ...lab.node, password: "after-change" }, ["CONFIG", "SET", "requirepass", "before-change"]);
    await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
    // Changed again, and this time the operator enters the new password.
    await labCommand(lab.node, ["CONFIG", "SET", "requirepass", "third-password"]);
    await labCommand({ ...lab.node, password: "third-password" }, ["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"]);
    await within(ANSWER_WITHIN_MS, () => api.probe(id, "memory"), (x) => errorCodes(x).includes("redis_auth_failed"));
    await api.edit(id, { password: "third-password" });
    await within(RECOVER_WITHIN_MS, () => api.probe(id, "memory"), okProbe);
  });

  it("TLS mismatch both ways: redis_tls_error in time, recovers once the registration matches", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-tls-"));
    try {
      execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
      const plain = await startStandalone();
      // TLS registration against a plain server.
      const a = await api.register({ name: "tls-to-plain", host: plain.node.host, port: plain.node.port, tls: { enabled: true, skipVerify: true } });
      const ra = await timed(() => api.probe(a, "memory"));
      expect(errorCodes(ra.value)).toContain("redis_tls_error");
      expect(ra.ms).toBeLessThan(ANSWER_WITHIN_MS);
      await api.edit(a, { tls: { enabled: false, skipVerify: false } });
      await within(RECOVER_WITHIN_MS, () => api.probe(a, "memory"), okProbe);

      // A plain registration against a server's TLS port (its plain port lets the lab see it is up).
      const tlsPort = await findFreePort();
      await startRedis({ args: ["--tls-port", String(tlsPort), "--tls-cert-file", path.join(dir, "cert.pem"), "--tls-key-file", path.join(dir, "key.pem"), "--tls-auth-clients", "no"] });
      const b = await api.register({ name: "plain-to-tls", host: "127.0.0.1", port: tlsPort });
      const rb = await timed(() => api.probe(b, "memory"));
      expect(errorCodes(rb.value)).toContain("redis_tls_error");
      expect(rb.ms).toBeLessThan(ANSWER_WITHIN_MS);
      await api.edit(b, { tls: { enabled: true, skipVerify: true } });
      await within(RECOVER_WITHIN_MS, () => api.probe(b, "memory"), okProbe);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
