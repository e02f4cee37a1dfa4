// Do no harm, proven during the e2e run: every redis-server a spec starts through the lab gets a
// MONITOR connection and a CLIENT LIST poll every 200 ms (MONITOR hides admin commands such as CONFIG
// SET or DEBUG; the poll's `cmd=`, the last command of each Redline connection, catches those it
// samples). Commands from Redline's connections (named
// `redline:*` with CLIENT SETNAME, their first command) are classified with the server's own policy
// (lib/redis/command-policy.ts): anything forbidden is a violation, and so is holding more than two
// connections per registered instance on a node; mutating commands are listed apart (only an explicit
// fix action may send them, so a spec that runs none expects the list empty).
// The recorder's own connections are named `harm-recorder` and never counted.
import "server-only";
import net from "node:net";
import { Redis } from "ioredis";
import { onRedisStarted, type RedisProcess } from "@/lib/lab";
import { classifyCommand } from "@/lib/redis/command-policy";
import { argText, parseMonitorLine } from "@/lib/parse/monitor-line";
import { redlineClients } from "./redline-clients";

export interface HarmReport {
  nodes: number;
  commands: number;
  maxConnections: number;
  /** Forbidden commands and connections beyond two per registration: always a failure. */
  violations: string[];
  /** Mutating commands (guarded fix actions send these): a failure unless the spec runs fix actions. */
  mutating: string[];
}

const POLL_MS = 200;
const RECORDER_NAME = "harm-recorder";

interface Watch {
  monitor: net.Socket;
  lister: Redis;
  timer: NodeJS.Timeout;
}

/** Starts recording; `registrations(address)` says how many Redline instances point at a node (undefined: unknown now). */
export function startHarmRecorder(registrations: (address: string) => Promise<number | undefined>) {
  const report: HarmReport = { nodes: 0, commands: 0, maxConnections: 0, violations: [], mutating: [] };
  const watches = new Set<Watch>();

  const watch = (proc: RedisProcess) => {
    const address = `${proc.host}:${proc.port}`;
    const options = { host: proc.host, port: proc.port, password: proc.password, protocol: 2 as const, connectionName: RECORDER_NAME, enableReadyCheck: false, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 };
    const lister = new Redis(options);
    lister.on("error", () => {});
    lister.connect().catch(() => {});
    // MONITOR over a plain socket: its stream is read with Redline's own parser (lib/parse/monitor-line).
    const monitor = net.connect(proc.port, proc.host);
    monitor.on("error", () => {});
    const resp = (...argv: string[]) => `*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
    monitor.write((proc.password ? resp("AUTH", proc.password) : "") + resp("CLIENT", "SETNAME", RECORDER_NAME) + resp("MONITOR"));
    const w: Watch = { monitor, lister, timer: setInterval(() => void poll(), POLL_MS) };
    watches.add(w);
    report.nodes++;
    // Client addresses seen naming themselves redline:*: their commands are Redline's.
    const redline = new Set<string>();

    const poll = async () => {
      if (lister.status !== "ready") return;
      const named = redlineClients(await lister.call("CLIENT", "LIST").catch(() => ""));
      for (const { addr, cmd } of named) {
        if (addr) redline.add(addr);
        // MONITOR never shows admin commands (CONFIG SET, DEBUG, SAVE, SHUTDOWN…): the last command
        // of each Redline connection, sampled here, is the recorder's view of those.
        if (addr && cmd && cmd !== "NULL" && !seenLast.has(`${addr} ${cmd}`)) {
          seenLast.add(`${addr} ${cmd}`);
          observeLast(cmd.split("|").map((x) => x.toUpperCase()));
        }
      }
      report.maxConnections = Math.max(report.maxConnections, named.length);
      if (named.length > 2) {
        const regs = await registrations(address).catch(() => undefined);
        if (regs !== undefined && named.length > 2 * Math.max(1, regs)) report.violations.push(`${address}: ${named.length} redline:* connections for ${regs} registration(s)`);
      }
    };

    let buffered = "";
    monitor.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      let end: number;
      while ((end = buffered.indexOf("\r\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const parsed = line.startsWith("+") ? parseMonitorLine(line.slice(1)) : undefined;
        if (parsed) observe(parsed.source, parsed.args.map(argText));
      }
    });

    const seenLast = new Set<string>();
    const observeLast = (argv: string[]) => {
      const cls = classifyCommand(argv);
      const what = `${address}: Redline ran ${cls} ${argv.join(" ")} (CLIENT LIST cmd=)`;
      if (cls === "forbidden") report.violations.push(what);
      else if (cls === "mutating") report.mutating.push(what);
    };

    const observe = (source: string, args: string[]) => {
      const isSetName = args[0]?.toUpperCase() === "CLIENT" && args[1]?.toUpperCase() === "SETNAME";
      if (isSetName) {
        if (String(args[2]).startsWith("redline:")) redline.add(source);
        else redline.delete(source);
      }
      if (!redline.has(source)) return;
      report.commands++;
      const cls = classifyCommand(args);
      const what = `${address}: Redline sent ${cls} ${args.slice(0, 3).join(" ").slice(0, 120)}`;
      if (cls === "forbidden") report.violations.push(what);
      else if (cls === "mutating" && !isSetName) report.mutating.push(what);
    };
  };

  const unsubscribe = onRedisStarted(watch);
  return {
    report,
    stop() {
      unsubscribe();
      for (const w of watches) {
        clearInterval(w.timer);
        w.monitor.destroy();
        w.lister.disconnect();
      }
      watches.clear();
    },
  };
}
