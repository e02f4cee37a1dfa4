// One long-lived ioredis connection to one Redis node, in one of Redline's two roles.
// It reconnects with backoff on its own and reports the classified reason it is not ready.
import "server-only";
import type { Socket } from "node:net";
import Redis, { type RedisOptions } from "ioredis";
import { RedisFailure, toRedisFailure } from "./classify";
import type { TlsSettings } from "@/lib/api/schemas/instance";

export type ConnectionRole = "probe" | "reserved";

export interface NodeCredentials {
  username?: string;
  password?: string;
  db: number;
  tls: TlsSettings;
}

export interface NodeConnectionOptions extends NodeCredentials {
  host: string;
  port: number;
  role: ConnectionRole;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** Exponential backoff with jitter, capped: a dead instance costs one attempt every few seconds. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(200 * 2 ** Math.min(attempt, 6), 10_000);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

function tlsOptions(tls: TlsSettings, host: string): RedisOptions["tls"] {
  if (!tls.enabled) return undefined;
  return {
    ca: tls.ca ? [tls.ca] : undefined,
    servername: tls.servername || (/^[\d.:[\]]+$/.test(host) ? undefined : host),
    rejectUnauthorized: !tls.skipVerify,
  };
}

/** Why a server turns a new connection away. */
const CONNECT_REFUSALS = new Set(["redis_tls_error", "redis_max_clients", "redis_auth_failed"]);

/** Refusals of CLIENT SETNAME that pass: the connection itself is good. */
const RENAME_LATER = new Set(["redis_busy_script", "redis_loading"]);

export class NodeConnection {
  readonly client: Redis;
  readonly address: string;
  private lastError: RedisFailure | undefined;
  /** CLIENT SETNAME sent by us, awaited: it is the first command on a connection, so a server that
   * refuses the connection (max clients) answers it with the reason ioredis would otherwise swallow. */
  private setup: Promise<void> | undefined;
  private renameOnNextUse = false;
  /** Why the connection is lent out (a MONITOR window): other commands are refused meanwhile, not queued. */
  private heldFor: string | undefined;
  /** The current attempt's TCP connection is up (TLS: and its handshake is not done yet). */
  private tcpUp = false;

  constructor(readonly options: NodeConnectionOptions) {
    this.address = `${options.host}:${options.port}`;
    this.client = new Redis({
      host: options.host,
      port: options.port,
      username: options.username,
      password: options.password,
      db: options.db,
      tls: tlsOptions(options.tls, options.host),
      // RESP2 keeps reply shapes stable for the parsers (ioredis 6 defaults to RESP3).
      protocol: 2,
      // CLIENT SETINFO is unknown before Redis 7.2: it would add two errors to errorstats per connect.
      disableClientInfo: true,
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs,
      // Fail fast instead of queueing: a probe must report "unreachable" now, not hang.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // The ready check would wait out LOADING silently; we want to see and classify it.
      enableReadyCheck: false,
      autoResubscribe: false,
      retryStrategy: reconnectDelay,
    });
    this.client.on("error", (err) => {
      this.lastError = this.tlsAware(toRedisFailure(err));
    });
    this.client.on("connecting", () => this.watchTcp());
    this.client.on("ready", () => {
      this.setup = this.nameConnection();
    });
    this.client.on("close", () => {
      this.setup = undefined;
      this.renameOnNextUse = false;
    });
  }

  /**
   * A TLS mismatch shows only indirectly: a plain server accepts the TCP connection and then says
   * nothing to a TLS ClientHello (a timeout), and a TLS port resets a plain connection at its first
   * command without a byte of reply. So watch whether TCP came up. ioredis sets the stream in a
   * promise callback after the "connecting" status: look one macrotask later.
   */
  private watchTcp(): void {
    this.tcpUp = false;
    setImmediate(() => {
      const stream = this.client.stream as Socket | undefined;
      if (!stream || stream.destroyed) return;
      const up = () => (this.tcpUp = true);
      if (!stream.connecting) up();
      else stream.once("connect", up);
      if (this.options.tls.enabled) stream.once("secureConnect", () => (this.tcpUp = false));
    });
  }

  private tlsAware(failure: RedisFailure): RedisFailure {
    if (!this.tcpUp) return failure;
    if (this.options.tls.enabled && failure.code === "redis_timeout") {
      // (A TLS server frozen mid-handshake looks the same; the message says both.)
      return new RedisFailure(
        "redis_tls_error",
        `${this.address} accepted the TCP connection but completed no TLS handshake within ${this.options.connectTimeoutMs} ms: does the server speak TLS on this port (or is it frozen)?`,
        { cause: failure },
      );
    }
    const stream = this.client.stream as Socket | undefined;
    if (!this.options.tls.enabled && /ECONNRESET/.test(failure.message) && stream?.bytesRead === 0) {
      return new RedisFailure(
        "redis_tls_error",
        `${this.address} reset the connection before answering anything: it looks like a TLS port; enable TLS for this instance`,
        { cause: failure },
      );
    }
    return failure;
  }

  private nameConnection(): Promise<void> {
    const setup = this.client.call("CLIENT", "SETNAME", `redline:${this.options.role}`).then(
      () => {
        this.lastError = undefined;
      },
      (err) => {
        const failure = toRedisFailure(err);
        // "Connection is closed" says less than the error event of the same drop (a TLS port's reset,
        // a refusal): keep that one. Only reasons a connect attempt gives, so a stale timeout never sticks.
        const moreSpecific = failure.code === "redis_unreachable" && this.lastError !== undefined && CONNECT_REFUSALS.has(this.lastError.code);
        if (!moreSpecific) this.lastError = failure;
        // A connection opened during a busy script or a load is fine: name it again on next use
        // (until then commands still run on it), or it would answer BUSY forever after the script ends.
        if (RENAME_LATER.has(failure.code)) this.renameOnNextUse = true;
        throw moreSpecific ? this.lastError : failure;
      },
    );
    setup.catch(() => {});
    return setup;
  }

  get status(): string {
    return this.client.status;
  }

  get failure(): RedisFailure | undefined {
    return this.lastError;
  }

  get held(): string | undefined {
    return this.heldFor;
  }

  /** Lends the connection out exclusively (lib/redis/monitor-window.ts); one holder at a time. */
  hold(reason: string): void {
    if (this.heldFor) throw new RedisFailure("redis_error", `The ${this.options.role} connection to ${this.address} is already ${this.heldFor}`);
    this.heldFor = reason;
  }

  release(): void {
    this.heldFor = undefined;
  }

  /** Resolves once the connection can take commands; rejects with the classified reason. */
  async ready(timeoutMs = this.options.connectTimeoutMs): Promise<Redis> {
    // Not a Redis failure class of its own: the node is fine, Redline's connection is busy on purpose.
    if (this.heldFor) throw new RedisFailure("redis_error", `The ${this.options.role} connection to ${this.address} is ${this.heldFor}; try again when it ends`);
    const client = this.client;
    if (client.status === "ready" && this.renameOnNextUse) {
      this.renameOnNextUse = false;
      this.setup = this.nameConnection();
    }
    if (client.status === "ready" && this.setup) {
      try {
        await this.setup;
      } catch (err) {
        // Refused with BUSY/LOADING: the connection works (SCRIPT KILL, FUNCTION STATS still run on it).
        if (!this.renameOnNextUse) throw err;
      }
      return client;
    }
    if (client.status === "end") throw new RedisFailure("redis_unreachable", `Connection to ${this.address} was closed`);
    // Between backoff attempts the last failure is still the truth: answer now instead of waiting
    // out the connect timeout (a dead instance must not slow the fleet page).
    if (client.status === "reconnecting" && this.lastError) throw this.lastError;
    if (client.status === "wait") client.connect().catch(() => {});
    await new Promise<void>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        client.off("ready", onReady);
        client.off("error", onError);
        fn();
      };
      const onReady = () => done(() => resolve());
      const onError = (err: unknown) => done(() => reject(toRedisFailure(err)));
      const timer = setTimeout(
        () =>
          done(() =>
            reject(this.lastError ?? this.tlsAware(new RedisFailure("redis_timeout", `No connection to ${this.address} within ${timeoutMs} ms`))),
          ),
        timeoutMs,
      );
      client.on("ready", onReady);
      client.on("error", onError);
    });
    await this.setup;
    return client;
  }

  close(): void {
    this.client.disconnect(false);
  }
}
