// Detects a server that came back empty after a restart (incident 10: a Deployment that mounted an
// empty volume). Kubernetes is invisible from Redis; the loss shows as a new run_id with an empty or
// much smaller keyspace (CORRECTIONS #10). Pure.
//
// Reasoning: the sampler saw the restart and the keys before and after: that is the incident (0.9).
// Without history, a live look can only say "up for less than an hour, nothing loaded at startup
// (rdb_last_load_keys_loaded:0), keyspace empty" (0.45) — which is also what a brand-new server looks
// like. Clients missing most reads since the restart (misses above hits) separate the two (0.3).
// Persistence switched off and a restart alone (restart.recent) are context: restarts are routine.
import { findRule } from "@/lib/metrics/rules";
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, scorePieces, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { infoOf, triageView, type TriageView } from "../triage-view";
import { EVENT_WINDOW_SECONDS, RESTART_RECENT_SECONDS } from "../windows";

const LOST_PCT = findRule("restart-empty")?.threshold ?? 90;
/** Misses that show applications asking for data that is gone, not one stray GET. */
const MIN_MISSES = 20;

function historyPieces(view: TriageView): Piece[] {
  const out: Piece[] = [];
  for (const n of view.nodes) {
    const r = n.history?.restart;
    if (!r || r.lostPct < LOST_PCT || view.now - r.t > EVENT_WINDOW_SECONDS * 1000) continue;
    out.push(derived("server.restarted-empty", "critical", `The server restarted and lost ${r.lostPct}% of its keys (${r.keysBefore} → ${r.keysAfter})`, { node: n.node, keysBefore: r.keysBefore, keysAfter: r.keysAfter, at: new Date(r.t).toISOString() }, 0.9));
  }
  const restart = view.markers.find((m) => m.kind === "restart" && view.now - m.t <= EVENT_WINDOW_SECONDS * 1000);
  if (restart) out.push(derived("restart.recent", "info", `The server restarted: ${restart.detail}`, { node: restart.node, at: new Date(restart.t).toISOString() }, 0.2, true));
  return out;
}

function livePieces(view: TriageView): Piece[] {
  const out: Piece[] = [];
  for (const n of view.nodes) {
    if (!n.info) continue;
    const uptime = infoOf(n, "uptime_in_seconds");
    const loaded = infoOf(n, "rdb_last_load_keys_loaded");
    if (uptime === undefined || uptime > RESTART_RECENT_SECONDS || loaded !== 0) continue;
    const keys = n.info.keyspace.reduce((s, d) => s + d.keys, 0);
    const evidence = { node: n.node, uptimeSeconds: uptime, rdbLastLoadKeysLoaded: loaded, keys };
    if (keys === 0) out.push(derived("restart.empty-keyspace", "warning", `Up for ${uptime} s, nothing loaded at startup, and the keyspace is empty`, evidence, 0.45));
    else out.push(derived("restart.nothing-loaded", "info", `Up for ${uptime} s and nothing was loaded at startup (rdb_last_load_keys_loaded:0)`, evidence, 0.3));
    const hits = infoOf(n, "keyspace_hits") ?? 0;
    const misses = infoOf(n, "keyspace_misses") ?? 0;
    // Few keys next to the misses: what is there was written back after misses (and by new writes
    // since the restart), not loaded. A warm cache holds far more keys than it has missed.
    if (misses >= MIN_MISSES && misses > hits && keys <= 2 * misses) {
      out.push(derived("keyspace.misses-dominate", "warning", `Since the restart ${misses} reads missed and ${hits} hit: clients ask for data that is gone`, { node: n.node, hits, misses }, 0.3));
    }
    const save = n.config.save;
    if (n.config.appendonly === "no" && save !== undefined && save.trim() === "") {
      out.push(derived("persistence.disabled", "info", "Neither RDB save points nor AOF are configured: a restart starts empty", { node: n.node, save: "", appendonly: "no" }, 0.15, true));
    }
    break;
  }
  return out;
}

/** The restart-history probe's verdict is history-backed when it knew the keys before the restart. */
function probeVerdict(view: TriageView): Piece[] {
  return fromCodes(view, [{ code: "restart.empty-keyspace", weight: 0.45 }]).map((p) => {
    const before = p.finding.evidence.keysBefore;
    return typeof before === "number" && before > 0 ? { ...p, weight: 0.9 } : p;
  });
}

export function detectK8sDataLoss(input: TriageInput): DetectResult {
  const view = triageView(input);
  const found: Piece[] = [
    ...fromCodes(view, [
      { code: "server.restarted-empty", weight: 0.9 },
      { code: "restart.recent", weight: 0.2, support: true },
      { code: "persistence.disabled", weight: 0.15, support: true },
    ]),
    ...probeVerdict(view),
    ...historyPieces(view),
    ...livePieces(view),
  ];
  return detectResult(oneNode(found));
}

const isEmptyRestart = (p: Piece) => p.finding.code === "restart.empty-keyspace" || p.finding.code === "server.restarted-empty";

/**
 * The story is one node's: it restarted, came back empty, and its clients miss. Evidence from
 * different nodes (an empty master of a fresh cluster, misses on another) is not one incident, so
 * the node whose evidence tells it best stands for the detector; context without a node stays.
 * Within a node, "nothing loaded" is the weaker reading of "empty keyspace": never counted twice.
 */
function oneNode(pieces: readonly Piece[]): Piece[] {
  const byNode = new Map<string, Piece[]>();
  const shared: Piece[] = [];
  for (const p of pieces) {
    const node = p.finding.evidence.node;
    if (typeof node === "string" && !p.support) byNode.set(node, [...(byNode.get(node) ?? []), p]);
    else shared.push(p);
  }
  const groups = [...byNode.values()].map((g) => (g.some(isEmptyRestart) ? g.filter((p) => p.finding.code !== "restart.nothing-loaded") : g));
  if (groups.length === 0) return shared;
  const best = groups.reduce((a, b) => (scorePieces(b) > scorePieces(a) ? b : a));
  return [...best, ...shared];
}
