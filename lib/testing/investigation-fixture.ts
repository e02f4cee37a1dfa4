// Test fixture: a keys-blocking investigation as the store would hold it, with hostile key and
// client names (pipes, backticks, newlines), a fix, a note, an alert and a restart marker. Used by
// the timeline, markdown, redaction and JSON schema tests.
import { getPlaybook } from "@/lib/playbooks";
import { hypotheses } from "@/lib/investigations/hypotheses";
import type { InvestigationWithSteps } from "@/lib/investigations/types";
import type { AlertRecord } from "@/lib/metrics/alert-state";
import type { Marker } from "@/lib/metrics/marker";
import type { InstancePublic } from "@/lib/api/schemas/instance";
import type { BundleInput } from "@/lib/investigations/export/assemble-bundle";
import { assembleTimeline } from "@/lib/investigations/timeline";
import { draftPostmortem } from "@/lib/investigations/postmortem-draft";

export const HOSTILE_KEY = "sess|ion`x\nmalicious";
export const PLAIN_KEY = "session:9f3c01a2";
export const CLIENT_ADDR = "10.20.30.40:51515";
export const CLIENT_NAME = "nightly`job|7";
export const T0 = Date.parse("2026-03-01T02:00:00.000Z");
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

export const fixtureInstance: InstancePublic = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "sessions-prod",
  host: "10.0.0.9",
  port: 6400,
  username: "app",
  hasPassword: true,
  db: 0,
  tls: { enabled: false, hasCa: false, skipVerify: false },
  mode: "standalone",
  sentinelMaster: null,
  tags: { team: "checkout" },
  renamedCommands: {},
  allowRemediation: true,
  ruleOverrides: {},
  createdAt: at(-600),
  updatedAt: at(-600),
};

export const fixtureInvestigation: InvestigationWithSteps = {
  id: "22222222-2222-4222-8222-222222222222",
  instanceId: fixtureInstance.id,
  playbookId: "keys-blocking",
  status: "mitigated",
  rootCauseId: "job-uses-keys",
  title: "KEYS blocks production on sessions-prod",
  createdAt: at(0),
  updatedAt: at(20),
  createdBy: "alice",
  steps: [
    {
      id: 1,
      investigationId: "22222222-2222-4222-8222-222222222222",
      stepId: "slowlog",
      probeId: "slowlog",
      params: { count: 64 },
      result: {
        probeId: "slowlog",
        instanceId: fixtureInstance.id,
        startedAt: at(2),
        durationMs: 3.2,
        data: {
          rows: [
            { node: "10.0.0.9:6400", id: 7, command: "KEYS", key: "session:*", argv: ["KEYS", "session:*"], clientAddr: CLIENT_ADDR, clientName: CLIENT_NAME, durationMs: 812 },
            { node: "10.0.0.9:6400", id: 8, command: "GET", key: HOSTILE_KEY, argv: ["GET", HOSTILE_KEY], clientAddr: CLIENT_ADDR, clientName: CLIENT_NAME, durationMs: 12 },
            { node: "10.0.0.9:6400", id: 9, command: "HGETALL", key: PLAIN_KEY, argv: ["HGETALL", PLAIN_KEY], clientAddr: "10.20.30.41:4000", clientName: "", durationMs: 11 },
          ],
        },
        findings: [
          { code: "slowlog.keys-command", severity: "critical", message: `KEYS session:* from ${CLIENT_NAME} (${CLIENT_ADDR}) took 812 ms`, evidence: { durationMs: 812, key: "session:*", node: "10.0.0.9:6400" } },
          { code: "slowlog.slow-key", severity: "warning", message: `${HOSTILE_KEY} and ${PLAIN_KEY} are slow`, evidence: { key: HOSTILE_KEY } },
          { code: "slowlog.ok", severity: "ok", message: "fine", evidence: {} },
        ],
        commands: [{ argv: ["SLOWLOG", "GET", "64"], durationMs: 0.4 }],
        partial: false,
      },
      note: null,
      who: "alice",
      at: at(2),
    },
    { id: 2, investigationId: "22222222-2222-4222-8222-222222222222", stepId: "slowlog", probeId: null, params: null, result: null, note: `cron on batch-7 runs KEYS; ${PLAIN_KEY} first seen`, who: "bob", at: at(5) },
    {
      id: 3,
      investigationId: "22222222-2222-4222-8222-222222222222",
      stepId: "fix:kill-job-client",
      probeId: "clients",
      params: { addr: CLIENT_ADDR },
      result: {
        kind: "fix",
        actionId: "kill-job-client",
        argv: [["CLIENT", "KILL", "ADDR", CLIENT_ADDR]],
        replies: [{ argv: ["CLIENT", "KILL", "ADDR", CLIENT_ADDR], node: "10.0.0.9:6400", reply: "OK" }],
        before: { probeId: "clients", instanceId: fixtureInstance.id, startedAt: at(9), durationMs: 1, data: { clients: [{ addr: CLIENT_ADDR, name: CLIENT_NAME }] }, findings: [], commands: [{ argv: ["CLIENT", "LIST"], durationMs: 0.2 }], partial: false },
        after: { probeId: "clients", instanceId: fixtureInstance.id, startedAt: at(10), durationMs: 1, data: { clients: [] }, findings: [], commands: [{ argv: ["CLIENT", "LIST"], durationMs: 0.2 }], partial: false },
        verified: true,
      },
      note: null,
      who: "alice",
      at: at(10),
    },
  ],
};

export const fixtureAlerts: AlertRecord[] = [
  { id: "al-1", instanceId: fixtureInstance.id, ruleId: "latency.ping-high", node: "10.0.0.9:6400", severity: "critical", findingCode: "latency.ping-high", playbook: "keys-blocking", state: "resolved", value: 812, threshold: 100, message: "PING p99 812 ms", startedAt: T0 - 5 * 60_000, firedAt: T0 - 4 * 60_000, resolvedAt: T0 + 11 * 60_000 },
  // Another instance: never on this timeline.
  { id: "al-2", instanceId: "other", ruleId: "x", node: "", severity: "warning", findingCode: "x", playbook: null, state: "firing", value: 1, threshold: 0, message: "other", startedAt: T0, firedAt: T0, resolvedAt: null },
];

export const fixtureMarkers: Marker[] = [
  { t: T0 + 15 * 60_000, kind: "restart", node: "10.0.0.9:6400", detail: "run_id changed" },
  { t: T0 - 5 * 60 * 60_000, kind: "failover", node: "10.0.0.9:6400", detail: "long before: outside the window" },
];

export function fixtureBundleInput(): BundleInput {
  const playbook = getPlaybook("keys-blocking")!;
  const inv = fixtureInvestigation;
  const hyps = hypotheses(playbook.rootCauses, inv.steps);
  const window = { from: T0 - 60 * 60_000, to: T0 + 35 * 60_000 };
  const timeline = assembleTimeline({
    investigation: inv,
    events: [{ id: 1, at: T0 + 12 * 60_000, kind: "status", from: "open", to: "mitigated", who: "alice" }],
    alerts: fixtureAlerts,
    markers: fixtureMarkers,
    overrides: [{ key: "manual:x", manual: true, starred: true, text: `Support ticket: ${PLAIN_KEY} | timeouts`, at: T0 - 10 * 60_000, who: "carol" }],
    window,
  });
  return {
    investigation: inv,
    hypotheses: hyps,
    instance: fixtureInstance,
    playbook,
    audit: [{ id: 41, at: T0 + 10 * 60_000, actor: "alice", action: "fix.execute", detail: { investigationId: inv.id, actionId: "kill-job-client", argv: ["CLIENT", "KILL", "ADDR", CLIENT_ADDR], node: "10.0.0.9:6400", reply: "OK" } }],
    alerts: fixtureAlerts.filter((a) => a.instanceId === fixtureInstance.id),
    markers: fixtureMarkers.slice(0, 1),
    window,
    timeline,
    postmortem: { investigationId: inv.id, doc: draftPostmortem(inv, playbook, hyps, fixtureInstance.name), version: 0, updatedAt: null, updatedBy: null },
    generatedAt: new Date(T0 + 30 * 60_000),
    generatedBy: "alice",
  };
}
