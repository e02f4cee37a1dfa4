// Sends commands for probes and fix actions: applies the instance's renamed commands, enforces the
// do-no-harm policy, bounds every command with a timeout, and records what was sent.
import "server-only";
import type { CommandRecord } from "@/lib/probes/types";
import { escapeKey } from "@/lib/probes/bigkeys/escape-key";
import { RedisFailure, toRedisFailure } from "./classify";
import { classifyCommand } from "./command-policy";
import { runMonitorWindow, type MonitorWindowOptions, type MonitorWindowResult } from "./monitor-window";
import type { NodeConnection } from "./node-connection";
import { isObservationCommand } from "./observation-commands";
import { execWithoutCommandTimers } from "./pipeline-timers";

export interface RunnerOptions {
  renamedCommands: Record<string, string>;
  timeoutMs: number;
  log: CommandRecord[];
  signal?: AbortSignal;
  /** Probes are read-only; a guarded fix action passes "mutating" explicitly. */
  allow: "read" | "mutating";
  /**
   * The user explicitly asked for an observation window (DESIGN.md "MONITOR only on explicit
   * request"): `monitor()` and the HOTKEYS session commands are allowed. Nothing else changes.
   */
  allowMonitor?: boolean;
}

/** Key names are bytes: a Buffer argument reaches Redis unchanged, whatever its encoding. */
export type CommandArg = string | Buffer;

/** Where the key goes in a per-key command template (`pipelineKeys`). */
// From the global registry: the scan code and the runner may come from two copies of this module in
// the production bundle (see RedisFailure), and a module-local symbol would not match the other's.
export const KEY = Symbol.for("redline.commandRunner.key");
export type KeyTemplate = readonly (string | typeof KEY)[];

const SPECIFIC_CONNECT_FAILURES = new Set(["redis_max_clients", "redis_auth_failed", "redis_tls_error", "redis_loading"]);

export class CommandRunner {
  constructor(
    private readonly conn: NodeConnection,
    private readonly options: RunnerOptions,
  ) {}

  get node(): string {
    return this.conn.address;
  }

  /** The name actually sent: `CONFIG` may be `CONFIG-ADMIN` on this instance, or disabled. */
  private wireName(name: string): string {
    const renamed = lookupRenamed(this.options.renamedCommands, name);
    if (renamed === undefined) return name;
    if (renamed === "") throw new RedisFailure("redis_command_disabled", `${name.toUpperCase()} is disabled on this instance`);
    return renamed;
  }

  private check(raw: readonly CommandArg[]): void {
    // The policy reads command names and numbers; latin1 maps each key byte to one character.
    const argv = raw.map((a) => (typeof a === "string" ? a : a.toString("latin1")));
    const cls = classifyCommand(argv);
    if (cls === "forbidden") throw new RedisFailure("redis_command_disabled", `Redline never sends ${argv[0]?.toUpperCase()} (do no harm)`);
    if (cls === "mutating" && this.options.allow !== "mutating" && !(this.options.allowMonitor && isObservationCommand(argv))) {
      throw new RedisFailure("redis_command_disabled", `${argv.slice(0, 2).join(" ").toUpperCase()} changes the server; only a guarded fix action may send it`);
    }
  }

  private explain(err: unknown): RedisFailure {
    const failure = toRedisFailure(err);
    // A refused connection surfaces as "Connection is closed"; the connection knows the real reason.
    const known = this.conn.failure;
    if (failure.code === "redis_unreachable" && known && SPECIFIC_CONNECT_FAILURES.has(known.code)) return known;
    return failure;
  }

  /** `buffers`: bulk replies stay Buffers (SCAN's key names may not be UTF-8). */
  async call(argv: readonly CommandArg[], opts: { timeoutMs?: number; buffers?: boolean } = {}): Promise<unknown> {
    this.options.signal?.throwIfAborted();
    this.check(argv);
    const [name, ...args] = argv;
    const record: CommandRecord = { argv: argv.map(shown), durationMs: 0, node: this.conn.address };
    this.options.log.push(record);
    const started = performance.now();
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    try {
      const client = await this.conn.ready(Math.min(timeoutMs, this.conn.options.connectTimeoutMs));
      const wire = this.wireName(String(name));
      return await withTimeout(opts.buffers ? client.callBuffer(wire, ...args) : client.call(wire, ...args), timeoutMs, this.conn.address);
    } catch (err) {
      const failure = this.explain(err);
      record.error = failure.code;
      throw failure;
    } finally {
      record.durationMs = round(performance.now() - started);
    }
  }

  /** A bounded MONITOR window on this node's probe connection; only with `allowMonitor`. */
  async monitor(opts: Omit<MonitorWindowOptions, "signal">): Promise<MonitorWindowResult> {
    if (!this.options.allowMonitor) {
      throw new RedisFailure("redis_command_disabled", "MONITOR runs only when the user explicitly asks for a bounded window");
    }
    this.options.signal?.throwIfAborted();
    const record: CommandRecord = { argv: ["MONITOR"], durationMs: 0, node: this.conn.address };
    this.options.log.push(record);
    const started = performance.now();
    try {
      return await runMonitorWindow(this.conn, this.wireName("MONITOR"), { ...opts, signal: this.options.signal });
    } catch (err) {
      const failure = this.explain(err);
      record.error = failure.code;
      throw failure;
    } finally {
      record.durationMs = round(performance.now() - started);
    }
  }

  /** Several commands in one round trip; each reply or error comes back in order. */
  async pipeline(commands: readonly (readonly CommandArg[])[], opts: { timeoutMs?: number } = {}): Promise<Array<[RedisFailure | null, unknown]>> {
    this.options.signal?.throwIfAborted();
    for (const argv of commands) this.check(argv);
    const records = commands.map((argv) => ({ argv: argv.map(shown), durationMs: 0, node: this.conn.address }) as CommandRecord);
    return this.runPipeline(records, commands.length, opts.timeoutMs, (pipe) => {
      for (const [name, ...args] of commands) pipe.call(this.wireName(String(name)), ...args);
    });
  }

  /**
   * The same few commands for many keys in one pipeline (a scan's TYPE + MEMORY USAGE per key):
   * replies key by key, template by template. The policy checks each template once (what a command
   * does never depends on its key name) and the log gets one record per template with the count,
   * not one per key: a scan sends millions.
   */
  async pipelineKeys(templates: readonly KeyTemplate[], keys: readonly CommandArg[], opts: { timeoutMs?: number } = {}): Promise<Array<[RedisFailure | null, unknown]>> {
    this.options.signal?.throwIfAborted();
    const shownTemplates = templates.map(shownTemplate);
    for (const argv of shownTemplates) this.check(argv);
    const records: CommandRecord[] = shownTemplates.map((argv) => ({ argv, durationMs: 0, node: this.conn.address, count: keys.length }));
    const wired = templates.map((t) => ({ name: this.wireName(String(t[0])), args: t.slice(1), at: t.indexOf(KEY) - 1 }));
    return this.runPipeline(records, keys.length * wired.length, opts.timeoutMs, (pipe) => {
      for (const key of keys) {
        for (const w of wired) {
          const args = w.args.slice() as CommandArg[];
          if (w.at >= 0) args[w.at] = key;
          pipe.call(w.name, ...args);
        }
      }
    });
  }

  /** Sends one pipeline, bounded by the timeout; logs its records with the time shared among them. */
  private async runPipeline(
    records: CommandRecord[],
    size: number,
    timeoutMs: number | undefined,
    fill: (pipe: ReturnType<Awaited<ReturnType<NodeConnection["ready"]>>["pipeline"]>) => void,
  ): Promise<Array<[RedisFailure | null, unknown]>> {
    this.options.log.push(...records);
    const started = performance.now();
    try {
      if (size === 0) return [];
      const client = await this.conn.ready(this.conn.options.connectTimeoutMs);
      const pipe = client.pipeline();
      fill(pipe);
      const replies = (await withTimeout(execWithoutCommandTimers(client, pipe), timeoutMs ?? this.options.timeoutMs, this.conn.address)) ?? [];
      return replies.map(([err, value]) => [err ? this.explain(err) : null, value]);
    } catch (err) {
      const failure = this.explain(err);
      for (const r of records) r.error = failure.code;
      throw failure;
    } finally {
      const each = round((performance.now() - started) / Math.max(1, records.length));
      for (const r of records) r.durationMs = each;
    }
  }
}

/** The evidence is text: a binary key is recorded escaped ("\x00"), as redis-cli shows it. */
function shown(arg: CommandArg): string {
  return typeof arg === "string" ? arg : escapeKey(arg);
}

/** "<key>" in the evidence, for the templates of pipelineKeys. */
function shownTemplate(t: KeyTemplate): string[] {
  return t.map((a) => (a === KEY ? "<key>" : a));
}

function lookupRenamed(map: Record<string, string>, name: string): string | undefined {
  const upper = name.toUpperCase();
  for (const [from, to] of Object.entries(map)) if (from.toUpperCase() === upper) return to;
  return undefined;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function withTimeout<T>(promise: Promise<T>, ms: number, address: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisFailure("redis_timeout", `No reply from ${address} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
