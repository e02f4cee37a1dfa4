// Short-lived ioredis connections the lab uses to probe and set up its own redis-servers.
// They fail fast instead of retrying: the lab polls on its own schedule and wants the error.
import "server-only";
import { Redis } from "ioredis";

export interface LabEndpoint {
  host: string;
  port: number;
  password?: string;
}

export interface LabClientOptions {
  /** ACL user; the `default` user when omitted. */
  username?: string;
  /** Overrides the endpoint's password (e.g. an ACL user's, or a wrong one in a test). */
  password?: string;
  connectTimeoutMs?: number;
  /**
   * Per-command timeout, default 5 s: a frozen node, or a stranger that took the port and never
   * answers, would otherwise hang the caller forever. 0 disables it (long scripts, blocking pops).
   */
  commandTimeoutMs?: number;
}

export function createLabClient(endpoint: LabEndpoint, opts: LabClientOptions = {}): Redis {
  const client = new Redis({
    host: endpoint.host,
    port: endpoint.port,
    username: opts.username,
    password: opts.password ?? endpoint.password,
    // ioredis 6 defaults to RESP3 (HELLO 3); Redline pins RESP2 everywhere so replies look the same.
    protocol: 2,
    lazyConnect: true,
    connectTimeout: opts.connectTimeoutMs ?? 2_000,
    commandTimeout: opts.commandTimeoutMs === 0 ? undefined : (opts.commandTimeoutMs ?? 5_000),
    // The ready check sends INFO, which restricted ACL users may not run; LOADING errors reach
    // the lab's polls directly instead.
    enableReadyCheck: false,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  // Errors surface through the command promises; without a listener ioredis also logs them.
  client.on("error", () => {});
  return client;
}

/** Opens a connection, runs fn, always closes it. */
export async function withLabClient<T>(
  endpoint: LabEndpoint,
  fn: (client: Redis) => Promise<T>,
  opts: LabClientOptions = {},
): Promise<T> {
  const client = createLabClient(endpoint, opts);
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

/** One command on a fresh connection; returns the raw RESP2 reply. */
export function labCommand(endpoint: LabEndpoint, argv: string[], opts: LabClientOptions = {}): Promise<unknown> {
  const [name, ...args] = argv;
  return withLabClient(endpoint, (c) => c.call(name, ...args), opts);
}
