// Every finding code a playbook or detector may name, with where it comes from. Playbooks, triage,
// alerts and exports speak in these codes (DESIGN.md), so a typo here is a silent bug there: the
// unit tests check every code a playbook references against this list.
import { RULES } from "@/lib/metrics/rules";
import { CONFIG_RECOMMENDATIONS } from "@/lib/probes/config-recommendations";
import { REDIS_FAILURE_CODES } from "@/lib/redis/failure-codes";
import { failureFindingCode } from "@/lib/triage/triage-view";

/** Findings of the rule table (health, alerts, probes that evaluate rules). */
const FROM_RULES = RULES.map((r) => r.findingCode);

/** The config audit: one code per recommended setting, plus "could not read CONFIG". */
const FROM_CONFIG_AUDIT = [...CONFIG_RECOMMENDATIONS.map((r) => `config.${r.id}-not-recommended`), "config.unreadable"];

/** Classified connection failures as health reports them (lua.busy, clients.refused, connection.*). */
const FROM_FAILURES = REDIS_FAILURE_CODES.map(failureFindingCode);

/** Emitted by the probes in lib/probes today, outside the rule table. */
const FROM_PROBES = [
  "access.redline-lacks-commands",
  "access.redline-too-broad",
  "slowlog.disabled",
  "latency.event",
  "clients.idle-many",
  "cluster.slot-conflict",
  "cluster.views-disagree",
  "cluster.master-demoted",
  "persistence.writes-refused",
  "persistence.disabled",
  "memory.no-maxmemory",
  "keyspace.evictions",
];

/** Emitted by probes being added (bigkeys, hotkeys, lua, restart-history, keys-usage, connection-budget, backlog-calculator, persistence). */
const FROM_NEW_PROBES = [
  "bigkey.found",
  "bigkey.scan-partial",
  "bigkey.none-found",
  "hotkey.found",
  "hotkey.short-ttl",
  "hotkey.miss-burst",
  "hotkey.lfu-unavailable",
  "lua.busy",
  "lua.script-running",
  "lua.threshold-high",
  "restart.recent",
  "restart.empty-keyspace",
  "keys.command-used",
  "slowlog.keys-command",
  "keys.acl-allows",
  "clients.budget-exceeded",
  "replication.backlog-too-small",
  "replication.backlog-exceeds-memory",
  "persistence.misconf-errors",
];

/** Derived by triage's detectors from slowlog, commandstats, errorstats, client rows and history. */
export const TRIAGE_FINDING_CODES = [
  "errorstats.busy",
  "slowlog.script-slow",
  "commandstats.script-slow",
  "slowlog.slow-key",
  "commandstats.whole-key-slow",
  "keys.client-seen",
  "replication.sync-in-progress",
  "server.failover",
  "server.role-change",
  "cluster.clusterdown-replies",
  "memory.rss-over-maxmemory",
  "fragmentation.bytes-high",
  "fragmentation.allocator-holes",
  "keyspace.hit-ratio-low",
  "keyspace.misses-dominate",
  "restart.nothing-loaded",
];

export const KNOWN_FINDING_CODES: ReadonlySet<string> = new Set([
  ...FROM_RULES,
  ...FROM_CONFIG_AUDIT,
  ...FROM_FAILURES,
  ...FROM_PROBES,
  ...FROM_NEW_PROBES,
  ...TRIAGE_FINDING_CODES,
]);

export function isKnownFindingCode(code: string): boolean {
  return KNOWN_FINDING_CODES.has(code);
}
