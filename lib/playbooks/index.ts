// The ten playbooks (DESIGN.md's stable ids), in the order the reference tells the incidents. Pure.
import { aofDiskFullPlaybook } from "./aof-disk-full";
import { bigkeyPlaybook } from "./bigkey";
import { connectionExhaustionPlaybook } from "./connection-exhaustion";
import { fragmentationPlaybook } from "./fragmentation";
import { hotkeyStampedePlaybook } from "./hotkey-stampede";
import { k8sDataLossPlaybook } from "./k8s-data-loss";
import { keysBlockingPlaybook } from "./keys-blocking";
import { luaBusyPlaybook } from "./lua-busy";
import { replicationBacklogPlaybook } from "./replication-backlog";
import type { Playbook } from "./schema";
import { splitBrainPlaybook } from "./split-brain";

export const PLAYBOOK_IDS = [
  "bigkey",
  "replication-backlog",
  "hotkey-stampede",
  "lua-busy",
  "split-brain",
  "fragmentation",
  "keys-blocking",
  "connection-exhaustion",
  "aof-disk-full",
  "k8s-data-loss",
] as const;
export type PlaybookId = (typeof PLAYBOOK_IDS)[number];

export const PLAYBOOKS: readonly Playbook[] = [
  bigkeyPlaybook,
  replicationBacklogPlaybook,
  hotkeyStampedePlaybook,
  luaBusyPlaybook,
  splitBrainPlaybook,
  fragmentationPlaybook,
  keysBlockingPlaybook,
  connectionExhaustionPlaybook,
  aofDiskFullPlaybook,
  k8sDataLossPlaybook,
];

const byId = new Map(PLAYBOOKS.map((p) => [p.id, p]));

export function getPlaybook(id: string): Playbook | undefined {
  return byId.get(id);
}

export type { Playbook, PlaybookData, DetectResult, FixAction, InvestigationStep, RootCause, Symptom } from "./schema";
