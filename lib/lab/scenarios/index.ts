// Every incident scenario of the lab (ids are the playbook ids) and the healthy ones for contrast.
import "server-only";
import { aofDiskFullScenario } from "./aof-disk-full";
import { bigkeyScenario } from "./bigkey";
import { connectionExhaustionScenario } from "./connection-exhaustion";
import { fragmentationScenario } from "./fragmentation";
import { healthyClusterScenario, healthyReplicaScenario, healthyStandaloneScenario } from "./healthy";
import { hotkeyStampedeScenario } from "./hotkey-stampede";
import { k8sDataLossScenario } from "./k8s-data-loss";
import { keysBlockingScenario } from "./keys-blocking";
import { luaBusyScenario } from "./lua-busy";
import { replicationBacklogScenario } from "./replication-backlog";
import type { Scenario } from "./scenario";
import { splitBrainScenario } from "./split-brain";

export const INCIDENT_SCENARIOS: readonly Scenario[] = [
  bigkeyScenario,
  replicationBacklogScenario,
  hotkeyStampedeScenario,
  luaBusyScenario,
  splitBrainScenario,
  fragmentationScenario,
  keysBlockingScenario,
  connectionExhaustionScenario,
  aofDiskFullScenario,
  k8sDataLossScenario,
];

export const HEALTHY_SCENARIOS: readonly Scenario[] = [healthyStandaloneScenario, healthyReplicaScenario, healthyClusterScenario];

export const SCENARIOS: readonly Scenario[] = [...INCIDENT_SCENARIOS, ...HEALTHY_SCENARIOS];

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
