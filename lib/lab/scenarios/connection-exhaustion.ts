// Incident 8, connection exhaustion: a standalone server with a low maxclients is filled by
// connection pools of two app nodes and by connections an ops jumpbox's scripts left open (most
// idle, a few in use), each group from its own loopback address and with its own client name.
// A third app node, scaling out, retries every ~500 ms and is refused with
// "ERR max number of clients reached", so rejected_connections grows.
//
// A full server refuses the dashboard too: register the instance in Redline BEFORE the fill (its
// connections are kept), with fillDelayMs to give it time, or leave it slots with reserveForRedline.
import "server-only";
import type { Redis } from "ioredis";
import { startStandalone } from "../topologies";
import { waitUntil } from "../wait-until";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { openClientGroups, type ClientGroup } from "./support/client-groups";
import { LoadGroup } from "./support/load-group";
import { startRetryingApp, type RetryingAppStats } from "./support/retrying-app";

export type { ClientGroup } from "./support/client-groups";

export interface ConnectionExhaustionOptions extends ScenarioStartOptions {
  /** Default 64 small, 200 large. */
  maxclients?: number;
  /** Who fills the server; shares of the free slots. Default app-node-1 45 %, app-node-2 40 %, ops-jumpbox 15 %. */
  groups?: ClientGroup[];
  /** Slots the fill leaves free (for a dashboard that registers later). Default 0. */
  reserveForRedline?: number;
  /** Wait this long after the server is up before filling it (register Redline meanwhile). Default 0. */
  fillDelayMs?: number;
  /** How often the refused app tries again. Default 500 ms. */
  retryIntervalMs?: number;
  /** How often an active pool connection runs a command. Default 2000 ms. */
  activeIntervalMs?: number;
  /** The app that cannot get a connection. Default app-node-3 from 127.0.0.13. */
  retryingApp?: { name: string; sourceAddress?: string };
}

export interface ConnectionExhaustionState {
  maxclients: number;
  /** Connections opened per group name. */
  opened: Record<string, number>;
  retrying: RetryingAppStats;
}

export interface RunningConnectionExhaustion extends RunningScenario {
  state: ConnectionExhaustionState;
  /** Resolves once a fresh connection was refused and rejected_connections ≥ 1. */
  filled: Promise<void>;
}

export const DEFAULT_CLIENT_GROUPS: ClientGroup[] = [
  { name: "app-node-1", share: 0.45, sourceAddress: "127.0.0.11", activeShare: 0.1 },
  { name: "app-node-2", share: 0.4, sourceAddress: "127.0.0.12", activeShare: 0.1 },
  // Scripts that finished without closing their connection: all idle.
  { name: "ops-jumpbox", share: 0.15, sourceAddress: "127.0.0.100", activeShare: 0 },
];

const FILLED_TIMEOUT_MS = 15_000;

export const connectionExhaustionScenario: Omit<Scenario<ConnectionExhaustionOptions>, "start"> & {
  start(options?: ConnectionExhaustionOptions): Promise<RunningConnectionExhaustion>;
} = {
  id: "connection-exhaustion",
  title: "Connection exhaustion: maxclients reached, new connections refused",
  description:
    "A server with a low maxclients is filled by two app nodes' connection pools and by idle connections an ops jumpbox " +
    "left open, each group from its own address with its own client name. A scaling-out app retries every 500 ms and gets " +
    "ERR max number of clients reached; rejected_connections grows. Register the instance before the fill: a full server " +
    "refuses the dashboard too.",
  unavailableReason: async () => null,
  start: startConnectionExhaustion,
};

async function startConnectionExhaustion(opts: ConnectionExhaustionOptions = {}): Promise<RunningConnectionExhaustion> {
  const maxclients = opts.maxclients ?? (opts.size === "large" ? 200 : 64);
  const retryingApp = opts.retryingApp ?? { name: "app-node-3", sourceAddress: "127.0.0.13" };
  // The groups connect from 127.0.0.x addresses other than 127.0.0.1, which protected mode would
  // refuse; the server still listens on 127.0.0.1 only. timeout 0 (the default) never closes idle ones.
  const args = ["--maxclients", String(maxclients), "--protected-mode", "no", "--timeout", "0"];
  const topology = await startStandalone({ password: opts.password, args });
  const { node } = topology;
  const instances: ScenarioInstance[] = [{ name: `${opts.namePrefix ?? "lab"}-connection-exhaustion`, host: node.host, port: node.port, password: opts.password, mode: "standalone", role: "master" }];
  opts.onInstances?.(instances);
  const endpoint = { host: node.host, port: node.port, password: opts.password };
  const load = new LoadGroup(endpoint);
  const fillers: Redis[] = [];
  let fillTimer: NodeJS.Timeout | undefined;
  let rejectFilled: (err: Error) => void = () => {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearTimeout(fillTimer);
      rejectFilled(new Error("connection-exhaustion: stopped before the server filled up"));
      await load.stop().catch(() => {});
      for (const c of fillers) c.disconnect();
      await topology.stop();
    })());

  try {
    // The monitoring exporter (the reference counts one): the scenario's own window on the server.
    const exporter = load.client();
    await exporter.call("CLIENT", "SETNAME", "redis-exporter");
    load.loop(async () => {
      await exporter.info();
      await load.sleep(5_000);
    });
    const state: ConnectionExhaustionState = { maxclients, opened: {}, retrying: { attempts: 0, refusals: 0, successes: 0 } };
    const rejected = async () => Number(/^rejected_connections:(\d+)/m.exec(String(await exporter.info("stats")))?.[1] ?? 0);

    const fill = async () => {
      const connected = Number(/^connected_clients:(\d+)/m.exec(String(await exporter.info("clients")))?.[1] ?? 0);
      const free = maxclients - connected - (opts.reserveForRedline ?? 0);
      const opened = await openClientGroups(load, fillers, {
        endpoint,
        groups: opts.groups ?? DEFAULT_CLIENT_GROUPS,
        total: free,
        activeIntervalMs: opts.activeIntervalMs ?? 2_000,
      });
      Object.assign(state.opened, opened);
      state.retrying = startRetryingApp(load, { endpoint, sourceAddress: retryingApp.sourceAddress, intervalMs: opts.retryIntervalMs ?? 500 });
      await waitUntil(
        async () => {
          if (load.stopped) return true; // stop() already rejected `filled`; end the poll
          return state.retrying.refusals > 0 && (await rejected()) >= 1 ? true : `refusals ${state.retrying.refusals}`;
        },
        { timeoutMs: opts.reserveForRedline ? 24 * 3600_000 : FILLED_TIMEOUT_MS, intervalMs: 200, what: "a connection refused with max clients" },
      );
    };

    const filled = new Promise<void>((resolve, reject) => {
      rejectFilled = reject;
      const run = () => fill().then(resolve, reject);
      if ((opts.fillDelayMs ?? 0) > 0) fillTimer = setTimeout(run, opts.fillDelayMs);
      else run();
    });
    filled.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
    if (!opts.fillDelayMs && !opts.reserveForRedline) await filled;
    else if (!opts.fillDelayMs) await waitUntil(async () => (Object.keys(state.opened).length > 0 ? true : "filling"), { timeoutMs: FILLED_TIMEOUT_MS, what: "the fill" });

    const notes = [
      `maxclients ${maxclients}, timeout 0 (idle connections are never closed)`,
      opts.fillDelayMs ? `fill in ${opts.fillDelayMs} ms: register the instance before that` : "filled at start",
      `groups: ${(opts.groups ?? DEFAULT_CLIENT_GROUPS).map((g) => `${g.name}${g.sourceAddress ? ` from ${g.sourceAddress}` : ""}`).join(", ")}, plus redis-exporter`,
      `${retryingApp.name}${retryingApp.sourceAddress ? ` (${retryingApp.sourceAddress})` : ""} retries every ${opts.retryIntervalMs ?? 500} ms`,
    ];
    return {
      id: connectionExhaustionScenario.id,
      instances,
      notes,
      state,
      filled,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
