// Shared plumbing for the probes: INFO sections and CONFIG GET that tolerate a denied CONFIG, and
// the rule that a probe whose every node failed reports that failure rather than an empty table.
import "server-only";
import { parseConfigGet } from "@/lib/parse/config-get";
import { parseInfo, type InfoSnapshot } from "@/lib/parse/info";
import { RedisFailure } from "@/lib/redis/classify";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { NodeOutcome } from "./context";

/** Several INFO sections in one round trip (multi-section INFO needs Redis 7), parsed as one. */
export async function readInfo(runner: CommandRunner, sections: readonly string[]): Promise<InfoSnapshot> {
  const replies = await runner.pipeline(sections.map((s) => ["INFO", s]));
  const texts: string[] = [];
  for (const [err, reply] of replies) {
    if (err) throw err;
    texts.push(String(reply ?? ""));
  }
  return parseInfo(texts.join("\r\n"));
}

export interface ConfigRead {
  config: Record<string, string>;
  /** Why some or all values are missing: CONFIG disabled, renamed to "" or denied by ACL. */
  error?: string;
}

/**
 * One CONFIG GET per name, pipelined: multi-name CONFIG GET needs Redis 7, and a name the server
 * does not know must not sink the others. A denied CONFIG is an answer, not a failure.
 */
export async function readConfig(runner: CommandRunner, names: readonly string[]): Promise<ConfigRead> {
  let replies: Array<[RedisFailure | null, unknown]>;
  try {
    replies = await runner.pipeline(names.map((n) => ["CONFIG", "GET", n]));
  } catch (err) {
    if (err instanceof RedisFailure && err.code === "redis_command_disabled") return { config: {}, error: err.message };
    throw err;
  }
  let config: Record<string, string> = {};
  let error: string | undefined;
  for (const [err, value] of replies) {
    if (err?.code === "redis_command_disabled") error ??= err.message;
    else if (err) throw err;
    else config = { ...config, ...parseConfigGet(value) };
  }
  return { config, error };
}

/** When no node answered there is nothing to show: the first node's classified failure is the result. */
export function throwIfAllFailed<T>(outcomes: NodeOutcome<T>[]): void {
  if (outcomes.length === 0 || outcomes.some((o) => !o.error)) return;
  const first = outcomes[0]!.error!;
  if (first.code === "probe_failed") throw new Error(first.message);
  throw new RedisFailure(first.code, outcomes.length > 1 ? `No node answered; ${outcomes[0]!.node.address}: ${first.message}` : first.message);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
