// Which playbook a finding points at: its own `evidence.playbook` when it names one, else the rule
// table (the one place thresholds and their playbooks live), else the finding code's prefix.
import { RULES } from "@/lib/metrics/rules";
import type { Finding } from "./types";

const BY_CODE = new Map<string, string>();
for (const r of RULES) if (r.playbook && !BY_CODE.has(r.findingCode)) BY_CODE.set(r.findingCode, r.playbook);

/** Finding-code prefixes whose meaning does not depend on the exact code. */
const BY_PREFIX: Array<[string, string]> = [
  ["fragmentation.", "fragmentation"],
  ["lua.", "lua-busy"],
  ["clients.", "connection-exhaustion"],
  ["replication.", "replication-backlog"],
  ["persistence.", "aof-disk-full"],
  ["cluster.", "split-brain"],
  ["bigkey.", "bigkey"],
  ["hotkey.", "hotkey-stampede"],
];

export function playbookFor(finding: Finding): string | undefined {
  const own = finding.evidence.playbook;
  if (typeof own === "string" && own) return own;
  return BY_CODE.get(finding.code) ?? BY_PREFIX.find(([prefix]) => finding.code.startsWith(prefix))?.[1];
}

/** Display names of the ten stable playbook ids (DESIGN.md), until lib/playbooks serves their titles. */
const TITLES: Record<string, string> = {
  bigkey: "Big keys",
  "replication-backlog": "Replication backlog overrun",
  "hotkey-stampede": "Hot key stampede",
  "lua-busy": "Busy Lua script",
  "split-brain": "Cluster split brain",
  fragmentation: "Memory fragmentation",
  "keys-blocking": "KEYS blocking the server",
  "connection-exhaustion": "Connection exhaustion",
  "aof-disk-full": "AOF disk full",
  "k8s-data-loss": "Kubernetes data loss",
};

/** "connection-exhaustion" → "Connection exhaustion"; unknown ids are humanized the same way. */
export function playbookLabel(id: string): string {
  if (TITLES[id]) return TITLES[id];
  const words = id.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
