// Owns every connection Redline holds: per instance and node, one probe connection and one reserved
// for emergencies (SCRIPT KILL, CLIENT KILL, PING while the probe connection is blocked). Never more.
import "server-only";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import type { CommandRecord } from "@/lib/probes/types";
import { readEnv } from "@/lib/config/env";
import { CommandRunner } from "./command-runner";
import { NodeConnection, type ConnectionRole } from "./node-connection";
import { discoverCluster, discoverSentinel, standaloneTopology, type Topology, type TopologyNode } from "./topology";

const TOPOLOGY_TTL_MS = 15_000;

interface NodePair {
  probe?: NodeConnection;
  reserved?: NodeConnection;
}

export interface RunnerRequest {
  log?: CommandRecord[];
  signal?: AbortSignal;
  timeoutMs?: number;
  allow?: "read" | "mutating";
  /** The user asked for a MONITOR / HOTKEYS window (see CommandRunner). */
  allowMonitor?: boolean;
}

/** Connections and topology of one registered instance. */
export class InstanceConnections {
  private readonly nodes = new Map<string, NodePair>();
  private topologyCache: { value: Topology; at: number } | undefined;
  private topologyInFlight: Promise<Topology> | undefined;

  constructor(
    readonly config: InstanceConnectionConfig,
    private readonly timeouts: { connectTimeoutMs: number; commandTimeoutMs: number },
  ) {}

  private connection(host: string, port: number, role: ConnectionRole, credentials = true): NodeConnection {
    const address = `${host}:${port}`;
    let pair = this.nodes.get(address);
    if (!pair) this.nodes.set(address, (pair = {}));
    let conn = pair[role];
    if (!conn || conn.status === "end") {
      conn = new NodeConnection({
        host,
        port,
        role,
        username: credentials ? this.config.username : undefined,
        password: credentials ? this.config.password : undefined,
        // Cluster nodes only have db 0; a sentinel has no databases at all.
        db: this.config.mode === "standalone" ? this.config.db : 0,
        tls: this.config.tls,
        ...this.timeouts,
      });
      pair[role] = conn;
    }
    return conn;
  }

  runner(node: Pick<TopologyNode, "host" | "port"> | undefined, req: RunnerRequest = {}, role: ConnectionRole = "probe"): CommandRunner {
    const target = node ?? { host: this.config.host, port: this.config.port };
    return new CommandRunner(this.connection(target.host, target.port, role), {
      renamedCommands: this.config.renamedCommands,
      timeoutMs: req.timeoutMs ?? this.timeouts.commandTimeoutMs,
      log: req.log ?? [],
      signal: req.signal,
      allow: req.allow ?? "read",
      allowMonitor: req.allowMonitor,
    });
  }

  reserved(node?: Pick<TopologyNode, "host" | "port">, req: RunnerRequest = {}): CommandRunner {
    return this.runner(node, req, "reserved");
  }

  async topology(opts: { fresh?: boolean; log?: CommandRecord[] } = {}): Promise<Topology> {
    const cached = this.topologyCache;
    if (!opts.fresh && cached && Date.now() - cached.at < TOPOLOGY_TTL_MS) return cached.value;
    this.topologyInFlight ??= this.discover(opts.log).finally(() => (this.topologyInFlight = undefined));
    const value = await this.topologyInFlight;
    this.topologyCache = { value, at: Date.now() };
    return value;
  }

  private async discover(log: CommandRecord[] = []): Promise<Topology> {
    const { mode, host, port } = this.config;
    if (mode === "cluster") return discoverCluster(this.runner(undefined, { log }), host, port);
    if (mode === "sentinel") {
      // Sentinels usually run without the data nodes' password; the sentinel connection is the probe
      // connection of the sentinel's own address.
      const sentinel = new CommandRunner(this.connection(host, port, "probe", false), {
        renamedCommands: {},
        timeoutMs: this.timeouts.commandTimeoutMs,
        log,
        allow: "read",
      });
      return discoverSentinel(sentinel, this.config.sentinelMaster ?? "mymaster");
    }
    return standaloneTopology(host, port);
  }

  /** Opens the probe and reserved connections now, so they exist before the incident (maxclients). */
  warm(): void {
    for (const role of ["probe", "reserved"] as const) {
      const c = this.connection(this.config.host, this.config.port, role, this.config.mode !== "sentinel");
      c.ready().catch(() => {});
    }
  }

  connectionCount(): number {
    let n = 0;
    for (const pair of this.nodes.values()) n += (pair.probe ? 1 : 0) + (pair.reserved ? 1 : 0);
    return n;
  }

  close(): void {
    for (const pair of this.nodes.values()) {
      pair.probe?.close();
      pair.reserved?.close();
    }
    this.nodes.clear();
    this.topologyCache = undefined;
  }
}

function fingerprint(c: InstanceConnectionConfig): string {
  return JSON.stringify([c.host, c.port, c.username, c.password, c.db, c.tls, c.mode, c.sentinelMaster, c.renamedCommands]);
}

export class ConnectionManager {
  private readonly instances = new Map<string, { conns: InstanceConnections; fp: string }>();

  constructor(private readonly timeouts = { connectTimeoutMs: readEnv().connectTimeoutMs, commandTimeoutMs: readEnv().commandTimeoutMs }) {}

  /** The connections for this configuration; an edited configuration replaces the old connections. */
  forInstance(config: InstanceConnectionConfig): InstanceConnections {
    const fp = fingerprint(config);
    const existing = this.instances.get(config.id);
    if (existing && existing.fp === fp) {
      Object.assign(existing.conns.config, { allowRemediation: config.allowRemediation, name: config.name });
      return existing.conns;
    }
    existing?.conns.close();
    const conns = new InstanceConnections(config, this.timeouts);
    this.instances.set(config.id, { conns, fp });
    return conns;
  }

  /** Throwaway connections for "Test connection": nothing is kept afterwards. */
  ephemeral(config: InstanceConnectionConfig): InstanceConnections {
    return new InstanceConnections(config, this.timeouts);
  }

  remove(id: string): void {
    this.instances.get(id)?.conns.close();
    this.instances.delete(id);
  }

  closeAll(): void {
    for (const { conns } of this.instances.values()) conns.close();
    this.instances.clear();
  }
}

const globalKey = Symbol.for("redline.connectionManager");
type WithManager = typeof globalThis & { [globalKey]?: ConnectionManager };

/** One manager per server process; kept on globalThis so dev reloads do not duplicate connections. */
export function getConnectionManager(): ConnectionManager {
  const g = globalThis as WithManager;
  return (g[globalKey] ??= new ConnectionManager());
}
