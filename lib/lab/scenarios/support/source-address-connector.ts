// ioredis connections from a chosen loopback source address (127.0.0.11, 127.0.0.100…): on one
// machine every lab client would otherwise show up as 127.0.0.1 in CLIENT LIST, while in the
// incidents connections come from distinct hosts (app nodes, an ops jumpbox) and are grouped by
// address. Linux routes all of 127.0.0.0/8 to lo, so any of them can be bound without setup.
import "server-only";
import net from "node:net";
import { AbstractConnector, Redis, type RedisOptions } from "ioredis";

interface ConnectorOptions {
  host: string;
  port: number;
  disconnectTimeout?: number;
}

function connectorFrom(localAddress: string) {
  return class SourceAddressConnector extends AbstractConnector {
    private readonly options: ConnectorOptions;

    // ioredis hands every connector its whole options object, typed unknown.
    constructor(options: unknown) {
      const opts = options as ConnectorOptions;
      super(opts.disconnectTimeout ?? 2_000);
      this.options = opts;
    }

    connect(): Promise<net.Socket> {
      this.connecting = true;
      // Same shape as ioredis's StandaloneConnector, plus localAddress, which it does not pass on.
      return new Promise((resolve, reject) => {
        process.nextTick(() => {
          if (!this.connecting) return reject(new Error("Connection is closed."));
          const stream = net.createConnection({ host: this.options.host, port: this.options.port, localAddress });
          stream.once("error", (err) => (this.firstError = err));
          this.stream = stream;
          resolve(stream);
        });
      });
    }
  };
}

export interface SourcedClientOptions {
  host: string;
  port: number;
  password?: string;
  /** e.g. "127.0.0.11"; undefined: the kernel's choice (127.0.0.1). */
  sourceAddress?: string;
  commandTimeoutMs?: number;
}

/** A fail-fast client like the lab's own, connecting from `sourceAddress`. Not yet connected. */
export function createSourcedClient(opts: SourcedClientOptions): Redis {
  const options: RedisOptions = {
    host: opts.host,
    port: opts.port,
    password: opts.password,
    protocol: 2,
    lazyConnect: true,
    connectTimeout: 2_000,
    commandTimeout: opts.commandTimeoutMs ?? 5_000,
    enableReadyCheck: false,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    ...(opts.sourceAddress ? { Connector: connectorFrom(opts.sourceAddress) } : {}),
  };
  const client = new Redis(options);
  client.on("error", () => {});
  return client;
}
