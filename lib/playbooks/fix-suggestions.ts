// Pre-filled parameters for fixes, from probe results the investigation has already saved: the fix
// form starts from what Redline saw (the biggest key, the idle connections, the calculated backlog)
// instead of a blank field at 3 a.m. Pure; every value stays editable and is checked by the fix's
// own zod schema on the server before anything is sent.
import type { BacklogCalculatorData } from "@/lib/probes/backlog-calculator";
import type { BigkeysData } from "@/lib/probes/bigkeys";
import type { ClientsData } from "@/lib/probes/clients";
import type { HotkeysData } from "@/lib/probes/hotkeys";
import type { KeysUsageData } from "@/lib/probes/keys-usage";
import { selectIdleConnections } from "./idle-connections";
import type { FixSuggestContext, FixSuggestion } from "./schema";

function latestData<T>(ctx: FixSuggestContext, probeId: string): T | undefined {
  const r = ctx.latest(probeId);
  return r && !r.error ? (r.data as T) : undefined;
}

const ranFirst = (step: string) => ({ params: {}, hint: `Run the ${step} step first: Redline suggests values from its result.` });

export const DEFAULT_MIN_IDLE_SECONDS = 300;

export function suggestIdleConnections(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<ClientsData>(ctx, "clients");
  const typed = Number(ctx.input.minIdleSeconds);
  const minIdleSeconds = Number.isInteger(typed) && typed > 0 ? typed : DEFAULT_MIN_IDLE_SECONDS;
  if (!data) return { ...ranFirst("clients"), params: { minIdleSeconds } };
  const targets = selectIdleConnections(data.rows, minIdleSeconds);
  if (targets.length === 0) {
    return { params: { minIdleSeconds }, hint: `No connection in the latest clients result has been idle ${minIdleSeconds} s or more: lower the threshold or run the clients step again.` };
  }
  return {
    params: { connections: targets.map((t) => ({ node: t.node, id: t.id })), minIdleSeconds },
    itemLabels: targets.map((t) => `${t.addr} ${t.name ? `name=${t.name} ` : ""}idle ${t.idleSec} s`),
  };
}

export function suggestBiggestKey(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<BigkeysData>(ctx, "bigkeys");
  // A key shown escaped is not its bytes: it cannot be typed back as an argument.
  const top = data?.rows.find((r) => !r.keyBase64);
  if (!top) return ranFirst("big keys");
  return { params: { key: top.key } };
}

export function suggestHottestKey(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<HotkeysData>(ctx, "hotkeys");
  const top = data?.rows.find((r) => !r.binary);
  if (!top) return ranFirst("hot keys");
  return { params: { key: top.key } };
}

export function suggestBacklogBytes(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<BacklogCalculatorData>(ctx, "backlog-calculator");
  const bytes = data?.summary.maxSuggestedBytes;
  if (!bytes) return ranFirst("backlog calculator");
  return { params: { bytes: Math.max(1024 * 1024, Math.ceil(bytes)) } };
}

export function suggestMaxclients(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<ClientsData>(ctx, "clients");
  const current = Math.max(0, ...(data?.nodes ?? []).map((n) => n.maxclients ?? 0));
  if (!current) return ranFirst("clients");
  // Half again as many: room for the next spike, still far below a typical file-descriptor limit.
  return { params: { max: Math.max(100, Math.ceil(current * 1.5)) } };
}

export function suggestKeysUser(ctx: FixSuggestContext): FixSuggestion {
  const data = latestData<KeysUsageData>(ctx, "keys-usage");
  const allowed = (data?.rows ?? []).flatMap((r) => r.aclAllowed ?? []).filter((u) => u.enabled);
  // Applications usually have their own user; `default` is proposed only when it is the only one.
  const pick = allowed.find((u) => u.user !== "default") ?? allowed[0];
  if (!pick) return ranFirst("KEYS usage");
  return { params: { user: pick.user } };
}
