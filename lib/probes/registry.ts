// Every probe Redline can run, looked up by id, and the catalog `GET /api/probes` serves.
import "server-only";
import { z } from "zod";
import { backlogCalculatorProbe } from "./backlog-calculator";
import { bigkeysProbe } from "./bigkeys";
import { clientsProbe } from "./clients";
import { clusterProbe } from "./cluster";
import { configAuditProbe } from "./config-audit";
import { connectionBudgetProbe } from "./connection-budget";
import { hotkeysProbe } from "./hotkeys";
import { keysUsageProbe } from "./keys-usage";
import { keyspaceProbe } from "./keyspace";
import { latencyProbe } from "./latency";
import { luaProbe } from "./lua";
import { memoryProbe } from "./memory";
import { persistenceProbe } from "./persistence";
import { redlineAccessProbe } from "./redline-access";
import type { Probe } from "./probe";
import { replicationProbe } from "./replication";
import { restartHistoryProbe } from "./restart-history";
import { serverSnapshotProbe } from "./server-snapshot";
import { slowlogProbe } from "./slowlog";
import type { ProbeCost } from "./types";

/** A probe with its parameter and data types erased, as the catalog and the API handle them. */
export type AnyProbe = Probe<unknown, unknown>;

export const PROBES: readonly AnyProbe[] = [
  serverSnapshotProbe,
  slowlogProbe,
  latencyProbe,
  clientsProbe,
  configAuditProbe,
  replicationProbe,
  persistenceProbe,
  memoryProbe,
  keyspaceProbe,
  clusterProbe,
  bigkeysProbe,
  hotkeysProbe,
  luaProbe,
  redlineAccessProbe,
  restartHistoryProbe,
  keysUsageProbe,
  connectionBudgetProbe,
  backlogCalculatorProbe,
];

const byId = new Map(PROBES.map((p) => [p.id, p]));

export function getProbe(id: string): AnyProbe | undefined {
  return byId.get(id);
}

export interface ProbeCatalogEntry {
  id: string;
  title: string;
  description: string;
  cost: ProbeCost;
  redisCli: string;
  /** JSON Schema of the parameters as a client sends them (defaults make fields optional). */
  params: Record<string, unknown>;
}

let catalog: ProbeCatalogEntry[] | undefined;

/** Built once: the probes are fixed at start, and JSON Schema conversion cost ~6 ms per request. */
export function probeCatalog(): ProbeCatalogEntry[] {
  catalog ??= PROBES.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    cost: p.cost,
    redisCli: p.redisCli,
    params: z.toJSONSchema(p.params, { io: "input" }) as Record<string, unknown>,
  }));
  return catalog;
}
