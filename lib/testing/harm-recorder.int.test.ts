// The e2e do-no-harm recorder can fail: a connection named redline:* that sends KEYS, or a third
// redline:* connection for one registration, is a violation, and a CONFIG SET is listed as mutating;
// other clients' commands and the recorder's own connections are not.
import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startStandalone, stopAll, waitUntil } from "@/lib/lab";
import { startHarmRecorder } from "./harm-recorder";

describe("harm recorder", () => {
  afterAll(() => stopAll());

  it("flags Redline's forbidden commands and a third connection, and nothing else", async () => {
    const recorder = startHarmRecorder(async () => 1);
    const clients: Redis[] = [];
    const client = (name?: string) => {
      const c = new Redis({ host: lab.node.host, port: lab.node.port, protocol: 2, connectionName: name, lazyConnect: true, enableReadyCheck: false });
      clients.push(c);
      return c;
    };
    const lab = await startStandalone();
    try {
      await new Promise((r) => setTimeout(r, 300)); // MONITOR attached
      const app = client();
      await app.connect();
      await app.call("KEYS", "*"); // an application's KEYS is not Redline's doing
      const probe = client("redline:probe");
      await probe.connect();
      await probe.call("INFO", "server");
      await waitUntil(async () => (recorder.report.commands >= 1 ? true : "no Redline command seen"), { timeoutMs: 5000, what: "the recorder to see INFO" });
      expect(recorder.report.violations).toEqual([]);
      await probe.call("KEYS", "*");
      const reserved = client("redline:reserved");
      await reserved.connect();
      const third = client("redline:probe");
      await third.connect();
      await waitUntil(async () => (recorder.report.violations.length >= 2 ? true : JSON.stringify(recorder.report)), { timeoutMs: 5000, what: "both violations" });
      expect(recorder.report.violations.join("\n")).toMatch(/forbidden KEYS/);
      expect(recorder.report.violations.join("\n")).toMatch(/3 redline:\* connections for 1 registration/);
      expect(recorder.report.maxConnections).toBe(3);
      await probe.call("CONFIG", "SET", "slowlog-max-len", "128");
      await waitUntil(async () => (recorder.report.mutating.length >= 1 ? true : "no mutating command seen"), { timeoutMs: 5000, what: "the CONFIG SET" });
      expect(recorder.report.mutating.join("\n")).toMatch(/mutating CONFIG SET/);
    } finally {
      recorder.stop();
      for (const c of clients) c.disconnect();
    }
  });
});
