// Probe: what the user Redline connects as may do, checked with ACL DRYRUN (nothing is executed):
// the probe commands it lacks (so a probe will fail with NOPERM), whether it could also destroy
// data (more than Redline needs), and the least-privilege user to create instead.
import "server-only";
import { z } from "zod";
import { replyText } from "@/lib/parse/reply";
import { RedisFailure } from "@/lib/redis/classify";
import { probeAclRules } from "@/lib/redis/command-policy";
import { dryRunArgv, suggestedAclCommands } from "@/lib/redis/redline-acl";
import type { Finding } from "./finding";
import { defineProbe } from "./probe";
import { atNode } from "./probe-findings";
import { throwIfAllFailed } from "./probe-support";

export interface AccessNodeRow {
  node: string;
  user: string | null;
  /** Probe rules ACL DRYRUN refused, with the server's reason. */
  lacking: Array<{ rule: string; reason: string }>;
  /** Destructive commands the user may run (more than Redline needs). */
  tooBroad: string[];
  /** Why nothing could be checked (ACL DRYRUN itself refused, or a server before 7.0). */
  uncheckable?: string;
  error?: { code: string; message: string };
}

export interface RedlineAccessData {
  summary: { nodes: number; user: string | null; lacking: number; tooBroad: number };
  rows: AccessNodeRow[];
  /** The least-privilege user for this instance: probes, and separately the fix commands. */
  suggested: { probes: string; fixes: string };
}

/** Commands no dashboard should be able to send: if DRYRUN allows them, the user is broader than needed. */
const DESTRUCTIVE = [["FLUSHALL"], ["CONFIG", "SET", "maxmemory", "0"], ["DEBUG", "SLEEP", "0"], ["KEYS", "*"], ["SHUTDOWN"]];

function accessFindings(row: AccessNodeRow): Finding[] {
  const out: Finding[] = [];
  if (row.lacking.length) {
    out.push({
      code: "access.redline-lacks-commands",
      severity: "warning",
      message: `Redline's user ${row.user ?? "?"} may not run ${row.lacking.length} command(s) its probes send (${row.lacking.slice(0, 5).map((l) => l.rule).join(" ")}${row.lacking.length > 5 ? " …" : ""}): those probes fail with NOPERM`,
      evidence: { user: row.user ?? "unknown", lacking: row.lacking.map((l) => l.rule).join(" ") },
    });
  }
  if (row.tooBroad.length) {
    out.push({
      code: "access.redline-too-broad",
      severity: "info",
      message: `Redline's user ${row.user ?? "?"} could also run ${row.tooBroad.join(", ")}: more than a dashboard needs; create the least-privilege user below`,
      evidence: { user: row.user ?? "unknown", commands: row.tooBroad.join(", ") },
    });
  }
  return out;
}

export const redlineAccessProbe = defineProbe({
  id: "redline-access",
  title: "Redline's own access (ACL)",
  description: "Checks with ACL DRYRUN which commands Redline's user may run: what its probes lack, what it should not have, and the least-privilege user to create.",
  cost: "O(1)",
  redisCli: "redis-cli ACL WHOAMI && redis-cli ACL DRYRUN <user> CONFIG GET maxclients   # one per command Redline needs",
  params: z.object({ username: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).default("redline").describe("Name of the user to suggest") }).strict(),
  async run(ctx, params) {
    const rules = probeAclRules();
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const user = replyText(await runner.call(["ACL", "WHOAMI"])) ?? null;
      const row: AccessNodeRow = { node: node.address, user, lacking: [], tooBroad: [] };
      const dryRun = async (argv: string[]): Promise<string | null> => {
        const reply = replyText(await runner.call(["ACL", "DRYRUN", user ?? "default", ...argv]));
        return reply === "OK" ? null : (reply ?? "refused");
      };
      try {
        for (const rule of rules) {
          const refused = await dryRun(dryRunArgv(rule));
          if (refused) row.lacking.push({ rule, reason: refused });
        }
        for (const argv of DESTRUCTIVE) if ((await dryRun(argv)) === null) row.tooBroad.push(argv[0] === "CONFIG" ? "CONFIG SET" : argv[0]!);
      } catch (err) {
        if (!(err instanceof RedisFailure)) throw err;
        // ACL DRYRUN is itself refused (or missing before 7.0): say so rather than guess.
        return { row: { ...row, lacking: [], tooBroad: [], uncheckable: `${err.message}: run the check as an admin, e.g. redis-cli ACL DRYRUN ${user ?? "<user>"} CONFIG GET maxclients` }, findings: [] };
      }
      return { row, findings: atNode(accessFindings(row), node.address) };
    });
    throwIfAllFailed(outcomes);
    const rows = outcomes.map((o) => o.value?.row ?? { node: o.node.address, user: null, lacking: [], tooBroad: [], error: o.error });
    const data: RedlineAccessData = {
      summary: {
        nodes: rows.length,
        user: rows.find((r) => r.user)?.user ?? null,
        lacking: new Set(rows.flatMap((r) => r.lacking.map((l) => l.rule))).size,
        tooBroad: new Set(rows.flatMap((r) => r.tooBroad)).size,
      },
      rows,
      suggested: suggestedAclCommands(params.username),
    };
    return { data, findings: outcomes.flatMap((o) => o.value?.findings ?? []) };
  },
});
