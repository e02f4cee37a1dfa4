// The context a probe runs in: read-only runners on the probe connection, the reserved connection,
// the instance's topology, an abort signal and a time budget.
import "server-only";
import type { InstanceConnections } from "@/lib/redis/connection-manager";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { Topology, TopologyNode } from "@/lib/redis/topology";
import { toRedisFailure } from "@/lib/redis/classify";
import type { CommandRecord, ProbeError, ProbeProgress } from "./types";

export interface NodeOutcome<T> {
  node: TopologyNode;
  value?: T;
  error?: ProbeError;
}

export interface ProbeContext {
  instanceId: string;
  signal: AbortSignal;
  /** Epoch ms by which the probe should return what it has (marked partial). */
  deadline: number;
  log: CommandRecord[];
  /** Set when the caller streams progress (a long scan reports per node as it goes). */
  onProgress?: (p: ProbeProgress) => void;
  topology(): Promise<Topology>;
  /**
   * `allowMonitor` only when the user explicitly asked for a MONITOR / HOTKEYS window. `log` sends the
   * records elsewhere than ctx.log: a scan folds millions of them into a few (bigkeys/command-tally).
   */
  runner(node?: TopologyNode, opts?: { allowMonitor?: boolean; log?: CommandRecord[] }): CommandRunner;
  reserved(node?: TopologyNode, opts?: { log?: CommandRecord[] }): CommandRunner;
  /** Runs `fn` on every node (or those `filter` keeps) concurrently; one node's failure is its row's error. */
  forEachNode<T>(fn: (runner: CommandRunner, node: TopologyNode) => Promise<T>, filter?: (n: TopologyNode) => boolean): Promise<NodeOutcome<T>[]>;
}

export function toProbeError(err: unknown): ProbeError {
  if ((err as Error)?.name === "AbortError") return { code: "probe_failed", message: "Cancelled" };
  const f = toRedisFailure(err);
  return { code: f.code, message: f.message };
}

export function createProbeContext(
  conns: InstanceConnections,
  opts: { signal: AbortSignal; budgetMs: number; onProgress?: (p: ProbeProgress) => void },
): ProbeContext {
  const log: CommandRecord[] = [];
  const req = { log, signal: opts.signal };
  const ctx: ProbeContext = {
    instanceId: conns.config.id,
    signal: opts.signal,
    deadline: Date.now() + opts.budgetMs,
    log,
    onProgress: opts.onProgress,
    topology: () => conns.topology({ log }),
    runner: (node, opts) => conns.runner(node, { ...req, ...opts }),
    reserved: (node, o) => conns.reserved(node, { ...req, ...o }),
    async forEachNode(fn, filter) {
      const topo = await ctx.topology();
      const nodes = topo.nodes.filter(filter ?? (() => true));
      return Promise.all(
        nodes.map(async (node) => {
          try {
            return { node, value: await fn(ctx.runner(node), node) };
          } catch (err) {
            return { node, error: toProbeError(err) };
          }
        }),
      );
    },
  };
  return ctx;
}
