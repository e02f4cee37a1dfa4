// Probe: is anyone running KEYS, what did it cost, who sent it, and who is still allowed to?
// INFO commandstats (KEYS against SCAN), the KEYS calls in the slowlog with their clients, and the
// ACL users whose rules let them run KEYS (ACL LIST may itself be denied: that is reported, not fatal).
import "server-only";
import { z } from "zod";
import { replyText } from "@/lib/parse/reply";
import { parseSlowlog } from "@/lib/parse/slowlog";
import { RedisFailure } from "@/lib/redis/classify";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { parseAclList, usersAllowed, type AclAllowRow } from "./acl-keys";
import { keysAndScanUsage, keysClients, keysFindings, type CommandUsage, type KeysClientRow } from "./keys-usage-analysis";
import { defineProbe } from "./probe";
import { atNode, mergeByCode } from "./probe-findings";
import { readInfo, throwIfAllFailed } from "./probe-support";
import { slowlogRows, type SlowlogRow } from "./slowlog-analysis";

/** KEYS' ACL categories when COMMAND INFO cannot say (Redis 7.0: @keyspace @read @slow @dangerous). */
const KEYS_CATEGORIES_FALLBACK = ["keyspace", "read", "slow", "dangerous"];

export interface KeysUsageNodeRow {
  node: string;
  keys: CommandUsage;
  scan: CommandUsage;
  /** KEYS entries of the slowlog, newest first. */
  slowlog: SlowlogRow[];
  slowlogFetched: number;
  clients: KeysClientRow[];
  /** Null when ACL LIST could not be read (see aclError). */
  aclAllowed: AclAllowRow[] | null;
  aclError?: string;
  keysCategories: string[];
  error?: { code: string; message: string };
}

export interface KeysUsageData {
  summary: { nodes: number; keysCalls: number; slowlogKeys: number; maxKeysMs: number; usersAllowed: number };
  rows: KeysUsageNodeRow[];
  /** The runtime fix (CORRECTIONS #7); `rename-command` only in redis.conf with a restart. */
  fix: string;
}

async function keysCategories(runner: CommandRunner): Promise<string[]> {
  try {
    const reply = (await runner.call(["COMMAND", "INFO", "KEYS"])) as unknown[];
    const info = reply?.[0];
    const cats = Array.isArray(info) && Array.isArray(info[6]) ? info[6].map((c) => replyText(c) ?? "").filter(Boolean) : [];
    return cats.length ? cats.map((c) => c.replace(/^@/, "")) : KEYS_CATEGORIES_FALLBACK;
  } catch {
    return KEYS_CATEGORIES_FALLBACK;
  }
}

export const keysUsageProbe = defineProbe({
  id: "keys-usage",
  title: "KEYS usage",
  description: "How often KEYS ran and what it cost, which clients sent it (slowlog), and which ACL users may still run it.",
  cost: "O(1)",
  redisCli: "redis-cli INFO commandstats | grep -E 'cmdstat_(keys|scan):' && redis-cli SLOWLOG GET 128 && redis-cli ACL LIST",
  params: z
    .object({ slowlogCount: z.number().int().min(1).max(1_024).default(128).describe("Slowlog entries to look through per node") })
    .strict(),
  async run(ctx, params) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["commandstats"]);
      const { keys, scan } = keysAndScanUsage(info.commandstats);
      const entries = parseSlowlog(await runner.call(["SLOWLOG", "GET", String(params.slowlogCount)]));
      const slowlog = slowlogRows(node.address, entries).filter((r) => r.command === "KEYS");
      const categories = await keysCategories(runner);
      let aclAllowed: AclAllowRow[] | null = null;
      let aclError: string | undefined;
      try {
        const lines = ((await runner.call(["ACL", "LIST"])) as unknown[]).map((l) => replyText(l) ?? "");
        aclAllowed = usersAllowed(parseAclList(lines), "keys", categories);
      } catch (err) {
        if (!(err instanceof RedisFailure)) throw err;
        aclError = err.message;
      }
      const row: KeysUsageNodeRow = {
        node: node.address,
        keys,
        scan,
        slowlog,
        slowlogFetched: entries.length,
        clients: keysClients(slowlog),
        aclAllowed,
        ...(aclError ? { aclError } : {}),
        keysCategories: categories,
      };
      return { row, findings: atNode(keysFindings(node.address, keys, slowlog, aclAllowed, Date.now()), node.address) };
    });
    throwIfAllFailed(outcomes);
    const zero = (command: string): CommandUsage => ({ command, calls: 0, usec: 0, usecPerCall: 0 });
    const rows = outcomes.map(
      (o) => o.value?.row ?? { node: o.node.address, keys: zero("KEYS"), scan: zero("SCAN"), slowlog: [], slowlogFetched: 0, clients: [], aclAllowed: null, keysCategories: [], error: o.error },
    );
    const slow = rows.flatMap((r) => r.slowlog);
    const data: KeysUsageData = {
      summary: {
        nodes: rows.length,
        keysCalls: rows.reduce((s, r) => s + r.keys.calls, 0),
        slowlogKeys: slow.length,
        maxKeysMs: slow.reduce((m, r) => Math.max(m, r.durationMs), 0),
        usersAllowed: new Set(rows.flatMap((r) => (r.aclAllowed ?? []).filter((u) => u.enabled).map((u) => u.user))).size,
      },
      rows,
      fix: "ACL SETUSER <user> -keys (or -@dangerous) takes effect at once; rename-command KEYS \"\" works only in redis.conf and needs a restart. Replace KEYS with SCAN … COUNT in the client.",
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
