// A bounded MONITOR window on a node's probe connection, the only way Redline ever sends MONITOR.
// Why this shape: MONITOR takes a connection over for good, and Redline holds two per node. ioredis'
// own monitor() opens a third, and the reserved connection must stay free for emergencies (SCRIPT
// KILL, PING). So the probe connection is lent out: other commands on it are refused meanwhile
// (NodeConnection.hold), MONITOR is sent on its socket and the raw lines are read off that socket,
// and afterwards the socket is dropped, which ends MONITOR mode on the server; ioredis reconnects
// it as a fresh probe connection (AUTH, SELECT, CLIENT SETNAME redline:probe). The old socket is
// closed before the new one opens, so the node never sees more than Redline's two connections.
import "server-only";
import type Redis from "ioredis";
import { RedisFailure, toRedisFailure } from "./classify";
import type { NodeConnection } from "./node-connection";

export interface MonitorWindowOptions {
  durationMs: number;
  maxLines: number;
  /** Each MONITOR line as Redis wrote it (without the RESP `+` and CRLF). */
  onLine(line: string): void;
  signal?: AbortSignal;
  /**
   * Resolves once the server no longer lists this client id (asked on the reserved connection): the
   * probe connection reconnects only then, so the node never counts three of Redline's connections.
   */
  waitGone?: (clientId: number) => Promise<void>;
}

export interface MonitorWindowResult {
  lines: number;
  elapsedMs: number;
  endedBy: "time" | "lines" | "aborted" | "closed";
  /** The probe connection answered again after the window. */
  reconnected: boolean;
}

/** Commands of other callers already on the wire must be answered before MONITOR replaces replies with lines. */
const DRAIN_TIMEOUT_MS = 2_000;
const RECONNECT_TIMEOUT_MS = 5_000;

/** ioredis keeps `setStatus` private; "monitoring" is the status its own monitor() uses to read lines as events. */
function setMonitoring(client: Redis): void {
  (client as unknown as { setStatus(status: string): void }).setStatus("monitoring");
}

/** Its status type does not list "monitoring", though ioredis sets it. */
function isMonitoring(client: Redis): boolean {
  return (client.status as string) === "monitoring";
}

async function drain(client: Redis): Promise<void> {
  const until = Date.now() + DRAIN_TIMEOUT_MS;
  while (client.commandQueue.length > 0) {
    if (Date.now() > until) throw new RedisFailure("redis_timeout", "The probe connection did not go quiet for the MONITOR window");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Splits RESP simple-string replies (`+text\r\n`, `-error\r\n`) across socket chunks. */
function lineSplitter(onReply: (kind: "+" | "-", text: string) => void): (chunk: Buffer) => void {
  let pending = "";
  return (chunk) => {
    // Lines are ASCII (Redis escapes every other byte), so latin1 never splits a character.
    pending += chunk.toString("latin1");
    let at: number;
    while ((at = pending.indexOf("\r\n")) >= 0) {
      const reply = pending.slice(0, at);
      pending = pending.slice(at + 2);
      const kind = reply[0];
      if (kind === "+" || kind === "-") onReply(kind, reply.slice(1));
    }
  };
}

export async function runMonitorWindow(conn: NodeConnection, wireName: string, opts: MonitorWindowOptions): Promise<MonitorWindowResult> {
  if (conn.options.role !== "probe") throw new RedisFailure("redis_command_disabled", "MONITOR never runs on the reserved connection");
  opts.signal?.throwIfAborted();
  const client = await conn.ready();
  conn.hold("lent to a MONITOR window");
  const started = performance.now();
  let lines = 0;
  let sent = false;
  let cleanup = () => {};
  let clientId: number | undefined;
  try {
    await drain(client);
    if (opts.waitGone) clientId = Number(await client.call("CLIENT", "ID"));
    const endedBy = await new Promise<MonitorWindowResult["endedBy"]>((resolve, reject) => {
      const stream = client.stream;
      let timer: NodeJS.Timeout | undefined;
      let monitoring = false;
      const finish = (how: MonitorWindowResult["endedBy"] | Error) => {
        cleanup();
        if (how instanceof Error) reject(how);
        else resolve(how);
      };
      const onData = lineSplitter((kind, text) => {
        if (kind === "-") return finish(toRedisFailure(new Error(text)));
        if (!monitoring) {
          // The first reply is MONITOR's own +OK: the window starts now.
          monitoring = text === "OK";
          if (monitoring) timer = setTimeout(() => finish("time"), opts.durationMs);
          return;
        }
        lines++;
        opts.onLine(text);
        if (lines >= opts.maxLines) finish("lines");
      });
      const onClose = () => finish("closed");
      const onAbort = () => finish("aborted");
      cleanup = () => {
        clearTimeout(timer);
        stream.off("data", onData);
        stream.off("close", onClose);
        opts.signal?.removeEventListener("abort", onAbort);
        cleanup = () => {};
      };
      stream.prependListener("data", onData);
      stream.once("close", onClose);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      client.call(wireName).catch((err: unknown) => finish(toRedisFailure(err)));
      sent = true;
      // Synchronously after the write: every reply after +OK is then a MONITOR line to ioredis too
      // (emitted as an event nobody listens to) instead of an answer to a command it never sent.
      setMonitoring(client);
    });
    return { lines, elapsedMs: Math.round(performance.now() - started), endedBy, reconnected: await reset(conn, client, clientId, opts.waitGone) };
  } catch (err) {
    if (sent) await reset(conn, client, clientId, opts.waitGone);
    throw err;
  } finally {
    cleanup();
    conn.release();
  }
}

/** Drops the MONITOR socket (the server leaves MONITOR mode with it) and reconnects once the server let it go. */
async function reset(conn: NodeConnection, client: Redis, clientId?: number, waitGone?: (id: number) => Promise<void>): Promise<boolean> {
  // "close"/"reconnecting" already: the server dropped it; ioredis reconnects on its own.
  if (isMonitoring(client)) {
    if (waitGone && clientId !== undefined) {
      client.disconnect(false);
      // A busy server reaps the closed socket a moment later; the new one must not overlap it.
      await waitGone(clientId).catch(() => {});
      client.connect().catch(() => {});
    } else {
      client.disconnect(true);
    }
  }
  conn.release();
  try {
    await conn.ready(RECONNECT_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}
