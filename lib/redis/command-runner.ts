// Sends commands for probes and fix actions: applies the instance's renamed commands, enforces the
// do-no-harm policy, bounds every command with a timeout, and records what was sent.
import "server-only";
import type { CommandRecord } from "@/lib/probes/types";
import { RedisFailure, toRedisFailure } from "./classify";
import { classifyCommand } from "./command-policy";
import type { NodeConnection } from "./node-connection";

export interface RunnerOptions {
  renamedCommands: Record<string, string>;
  timeoutMs: number;
  log: CommandRecord[];
  signal?: AbortSignal;
  /** Probes are read-only; a guarded fix action passes "mutating" explicitly. */
  allow: "read" | "mutating";
}

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

  private check(argv: readonly string[]): void {
    const cls = classifyCommand(argv);
    if (cls === "forbidden") throw new RedisFailure("redis_command_disabled", `Redline never sends ${argv[0]?.toUpperCase()} (do no harm)`);
    if (cls === "mutating" && this.options.allow !== "mutating") {
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

  async call(argv: readonly string[], opts: { timeoutMs?: number } = {}): Promise<unknown> {
    this.options.signal?.throwIfAborted();
    this.check(argv);
    const [name, ...args] = argv;
    const record: CommandRecord = { argv: [...argv], durationMs: 0, node: this.conn.address };
    this.options.log.push(record);
    const started = performance.now();
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    try {
      const client = await this.conn.ready(Math.min(timeoutMs, this.conn.options.connectTimeoutMs));
      return await withTimeout(client.call(this.wireName(name!), ...args), timeoutMs, this.conn.address);
    } catch (err) {
      const failure = this.explain(err);
      record.error = failure.code;
      throw failure;
    } finally {
      record.durationMs = round(performance.now() - started);
    }
  }

  /** Several commands in one round trip; each reply or error comes back in order. */
  async pipeline(commands: readonly (readonly string[])[], opts: { timeoutMs?: number } = {}): Promise<Array<[RedisFailure | null, unknown]>> {
    this.options.signal?.throwIfAborted();
    for (const argv of commands) this.check(argv);
    const started = performance.now();
    const records = commands.map((argv) => ({ argv: [...argv], durationMs: 0, node: this.conn.address }) as CommandRecord);
    this.options.log.push(...records);
    try {
      const client = await this.conn.ready(this.conn.options.connectTimeoutMs);
      const pipe = client.pipeline();
      for (const [name, ...args] of commands) pipe.call(this.wireName(name!), ...args);
      const replies = (await withTimeout(pipe.exec(), opts.timeoutMs ?? this.options.timeoutMs, this.conn.address)) ?? [];
      return replies.map(([err, value]) => [err ? this.explain(err) : null, value]);
    } catch (err) {
      const failure = this.explain(err);
      for (const r of records) r.error = failure.code;
      throw failure;
    } finally {
      const each = round((performance.now() - started) / Math.max(1, commands.length));
      for (const r of records) r.durationMs = each;
    }
  }
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
