// Runs one playbook fix action, guarded (DESIGN.md "Do no harm"): only on an instance that allows
// remediation, only with the caller's role (destructive fixes: admin), only when the typed
// confirmation equals the exact command line(s) about to be sent. Runs the fix's verify probe before
// and after, and writes one audit record per command sent plus the investigation's `fix:<id>` step
// record in ONE transaction, before the call returns.
import "server-only";
import { ApiError } from "@/lib/api/problem";
import { getPlaybook } from "@/lib/playbooks";
import { renderFix, type RenderedCommand } from "@/lib/playbooks/render-fix";
import type { FixAction, FixVerification } from "@/lib/playbooks/schema";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeResult } from "@/lib/probes/types";
import { RedisFailure } from "@/lib/redis/classify";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import type { TopologyNode } from "@/lib/redis/topology";
import { atLeast } from "@/lib/security/roles";
import type { Caller } from "@/lib/security/caller";
import { scrubSecrets } from "@/lib/security/scrub";
import { appendAudit } from "@/lib/store/audit-repo";
import { getInvestigation, appendStepRecord } from "@/lib/store/investigations-repo";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { logger } from "@/lib/log/logger";
import { confirmationText, roleForFix } from "./fix-preview";
import { defaultDeps, type InvestigationDeps } from "./investigation-service";
import type { FixExecution, FixExecutionResult, FixOnError, FixReply } from "./types";

export interface ExecuteFixInput {
  investigationId: string;
  actionId: string;
  params?: Record<string, unknown>;
  confirmation: string;
  user: Caller;
}



/** The investigation and the fix of its playbook named `actionId`, or a not_found problem. */
export async function loadFix(db: InvestigationDeps["db"], investigationId: string, actionId: string) {
  const inv = await getInvestigation(db, investigationId);
  if (!inv) throw new ApiError("not_found", `No investigation with id ${investigationId}`);
  const playbook = getPlaybook(inv.playbookId);
  if (!playbook) throw new ApiError("not_found", `No playbook named ${inv.playbookId}`);
  const fix = playbook.fixes.find((f) => f.id === actionId);
  if (!fix) throw new ApiError("not_found", `The ${playbook.id} playbook has no fix ${actionId}`);
  return { inv, playbook, fix };
}

/** A reply as JSON keeps it: Buffers as text, nested arrays kept. */
function plain(reply: unknown): unknown {
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  if (Array.isArray(reply)) return reply.map(plain);
  if (reply instanceof Map) return Object.fromEntries([...reply].map(([k, v]) => [String(k), plain(v)]));
  return reply;
}

async function verifyProbe(verify: FixVerification, config: InstanceConnectionConfig): Promise<ProbeResult> {
  const probe = getProbe(verify.probe);
  if (!probe) throw new ApiError("internal_error", `The fix's verify probe ${verify.probe} is not registered`);
  const params = probe.params.parse(verify.params) as Record<string, unknown>;
  return runProbe(probe, config, params);
}

export function expectationHolds(expect: FixVerification["expect"], result: ProbeResult): boolean {
  if (result.error) return false;
  const codes = new Set(result.findings.map((f) => f.code));
  return (expect.absent ?? []).every((c) => !codes.has(c)) && (expect.present ?? []).every((c) => codes.has(c));
}

function parseAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  const port = Number(address.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port)) throw new ApiError("invalid_params", `Not a node address: ${address}`, [{ field: "params.node", message: "host:port" }]);
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ""), port };
}

/** Which nodes each rendered command runs on: its named node, every master/node, or the primary. */
async function nodesFor(fix: FixAction, cmd: RenderedCommand, config: InstanceConnectionConfig): Promise<Array<Pick<TopologyNode, "host" | "port">>> {
  if (cmd.node) return [parseAddress(cmd.node)];
  const target = fix.target ?? "instance";
  if (config.mode === "standalone" && target !== "every-node") return [{ host: config.host, port: config.port }];
  const topo = await getConnectionManager().forInstance(config).topology();
  const nodes = target === "every-node" ? topo.nodes : topo.nodes.filter((n) => n.role === "master");
  if (nodes.length === 0) throw new ApiError("redis_unreachable", "The topology lists no node to run the fix on");
  return target === "instance" ? nodes.slice(0, 1) : nodes;
}

export async function executeFix(input: ExecuteFixInput, deps?: InvestigationDeps): Promise<{ execution: FixExecution }> {
  const { db, requireConfig } = deps ?? (await defaultDeps());
  const { inv, fix } = await loadFix(db, input.investigationId, input.actionId);
  const config = await requireConfig(inv.instanceId);

  if (!config.allowRemediation) {
    throw new ApiError("forbidden", `${config.name} does not allow remediation: Redline sends no fix to it. An admin can allow it in the instance's settings.`);
  }
  const needed = roleForFix(fix);
  if (!atLeast(input.user.role, needed)) {
    throw new ApiError("forbidden", `${fix.title} is a ${fix.risk} fix: it needs the ${needed} role (you are ${input.user.role})`);
  }
  if (fix.manual || !fix.argv) {
    throw new ApiError("invalid_params", `${fix.title} is done by hand: Redline sends nothing`, [{ field: "actionId", message: "A manual fix" }]);
  }
  const rendered = renderFix(fix, input.params ?? {});
  if (!rendered.ok) {
    throw new ApiError("invalid_params", `Invalid fix parameters: ${rendered.errors.join("; ")}`, rendered.errors.map((m) => ({ field: "params", message: m })));
  }
  const expected = confirmationText(rendered.commands);
  if (input.confirmation.replace(/\r\n/g, "\n").trim() !== expected) {
    throw new ApiError("invalid_params", `Type the exact command to confirm: ${expected}`, [{ field: "confirmation", message: `Must be exactly: ${expected}` }]);
  }

  // Every target node is resolved before anything is sent: a fix is not half-sent for a bad node.
  const plan: Array<{ argv: string[]; node: Pick<TopologyNode, "host" | "port"> }> = [];
  for (const cmd of rendered.commands) for (const node of await nodesFor(fix, cmd, config)) plan.push({ argv: cmd.argv, node });

  const before = await verifyProbe(fix.verify, config);
  const conns = getConnectionManager().forInstance(config);
  const replies: FixReply[] = [];
  const sentAt: number[] = [];
  let onError: FixOnError | undefined;
  for (const step of plan) {
    const req = { allow: "mutating" as const };
    const runner = fix.reservedConnection ? conns.reserved(step.node, req) : conns.runner(step.node, req);
    const node = `${step.node.host}:${step.node.port}`;
    sentAt.push(Date.now());
    try {
      replies.push({ argv: step.argv, node, reply: plain(await runner.call(step.argv)) });
    } catch (err) {
      const failure = err instanceof RedisFailure ? err : new RedisFailure("redis_error", String((err as Error)?.message ?? err));
      replies.push({ argv: step.argv, node, error: { code: failure.code, message: failure.message } });
      const path = fix.onError?.find((e) => failure.message.includes(e.match));
      if (path) onError = { match: path.match, explain: path.explain, next: path.next };
      // Stop at the first refusal: the engineer decides what comes next (the onError path's fixes).
      break;
    }
  }
  // A kill takes effect at the script's next check, a moment after the OK: when every command was
  // accepted, the after probe gets two short retries before the fix counts as not verified.
  let after = await verifyProbe(fix.verify, config);
  let verified = expectationHolds(fix.verify.expect, after);
  for (let retry = 0; !verified && !replies.some((r) => r.error) && retry < 2; retry++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    after = await verifyProbe(fix.verify, config);
    verified = expectationHolds(fix.verify.expect, after);
  }
  const argv = plan.map((p) => p.argv);

  const result: FixExecutionResult = { kind: "fix", actionId: fix.id, argv, replies, before, after, verified, ...(onError ? { onError } : {}) };
  const saved = await appendStepRecord(
    db,
    inv.id,
    { stepId: `fix:${fix.id}`, probeId: fix.verify.probe, params: { ...(input.params ?? {}) }, result, who: input.user.name },
    async (trx) => {
      for (const [i, r] of replies.entries()) {
        const detail = { investigationId: inv.id, actionId: fix.id, argv: r.argv, node: r.node, sentAt: new Date(sentAt[i]!).toISOString(), ...(r.error ? { error: r.error } : { reply: r.reply }), via: input.user.via };
        await appendAudit(trx, { actor: input.user.name, action: "fix.execute", instanceId: config.id, detail: JSON.parse(scrubSecrets(JSON.stringify(detail))) as Record<string, unknown> });
      }
    },
  );
  if (!saved) throw new ApiError("not_found", `No investigation with id ${input.investigationId}`);
  logger.info({ investigationId: inv.id, actionId: fix.id, actor: input.user.name, commands: replies.length, verified, error: onError?.match }, "fix executed");
  return { execution: { argv, replies, before, after, verified, ...(onError ? { onError } : {}) } };
}
