// Free TCP ports on 127.0.0.1 for lab redis-server processes. The kernel picks them (bind to port 0),
// so parallel test workers rarely collide; the remaining race is handled by startRedis retrying.
import "server-only";
import net from "node:net";

/** Redis Cluster listens on port + 10000 for its node-to-node bus. */
export const CLUSTER_BUS_OFFSET = 10_000;
const MAX_PORT = 65_535;
/** Never hand out the developer's own Redis (or its bus port): tests must not touch it. */
const FORBIDDEN = new Set([6379, 6379 + CLUSTER_BUS_OFFSET]);
const MAX_ATTEMPTS = 200;

export interface FreePortOptions {
  /** Also require port + 10000 to be free (cluster nodes). */
  withBusPort?: boolean;
}

// Ports handed out by this process stay reserved in it, so two nodes started concurrently
// never get the same port, nor one node's port equal to another's bus port. Kept on globalThis
// because vitest and Next dev may load this module more than once per process.
const RESERVED_KEY = Symbol.for("redline.lab.reservedPorts");
const globalStore = globalThis as unknown as Record<symbol, Set<number> | undefined>;
const reserved: Set<number> = (globalStore[RESERVED_KEY] ??= new Set<number>());
const BUS_KEY = Symbol.for("redline.lab.reservedWithBus");
const reservedWithBus: Set<number> = (globalStore[BUS_KEY] ??= new Set<number>());

function listen(port: number): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(null));
    // exclusive: inside a cluster worker, really bind instead of sharing the primary's handle.
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => resolve(server));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function isUsable(port: number, withBus: boolean): boolean {
  if (FORBIDDEN.has(port) || reserved.has(port)) return false;
  if (!withBus) return true;
  const bus = port + CLUSTER_BUS_OFFSET;
  return bus <= MAX_PORT && !FORBIDDEN.has(bus) && !reserved.has(bus);
}

/**
 * Finds `count` distinct free ports. Sockets stay bound until all are found so the kernel cannot
 * return one twice; they are closed before returning, which leaves a small window another process
 * could use: callers that start servers on them should retry on EADDRINUSE.
 */
export async function findFreePorts(count: number, opts: FreePortOptions = {}): Promise<number[]> {
  const withBus = opts.withBusPort ?? false;
  const held: net.Server[] = [];
  const ports: number[] = [];
  try {
    for (let attempt = 0; ports.length < count; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`findFreePorts: no ${count} free port(s) after ${attempt} attempts`);
      const server = await listen(0);
      if (!server) continue;
      held.push(server);
      const port = (server.address() as net.AddressInfo).port;
      const clashesInBatch = withBus && ports.some((p) => Math.abs(p - port) === CLUSTER_BUS_OFFSET);
      if (!isUsable(port, withBus) || clashesInBatch) continue;
      if (withBus) {
        const bus = await listen(port + CLUSTER_BUS_OFFSET);
        if (!bus) continue;
        held.push(bus);
      }
      ports.push(port);
    }
  } finally {
    await Promise.all(held.map(close));
  }
  for (const p of ports) {
    reserved.add(p);
    if (!withBus) continue;
    reserved.add(p + CLUSTER_BUS_OFFSET);
    reservedWithBus.add(p);
  }
  return ports;
}

export async function findFreePort(opts: FreePortOptions = {}): Promise<number> {
  const [port] = await findFreePorts(1, opts);
  return port;
}

/** Gives a port back once the server that used it is gone, so long-running demos do not run dry. */
export function releasePort(port: number): void {
  reserved.delete(port);
  if (reservedWithBus.delete(port)) reserved.delete(port + CLUSTER_BUS_OFFSET);
}
