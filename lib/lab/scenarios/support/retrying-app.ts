// An application that cannot get a connection and keeps trying: a fresh connection and a PING
// every interval, as a pool does when it grows. Against a full server each attempt is accepted
// by TCP and answered with "ERR max number of clients reached", which counts in
// rejected_connections. When a slot is free it gets in, gets its PONG and leaves.
import "server-only";
import type { LabEndpoint } from "../../lab-client";
import { MAX_CLIENTS_REPLY, pingFreshConnection } from "./fresh-connection";
import type { LoadGroup } from "./load-group";

export interface RetryingAppStats {
  attempts: number;
  refusals: number;
  successes: number;
  /** The error text of the first refusal, verbatim. */
  firstRefusal?: string;
}

export interface RetryingAppOptions {
  endpoint: LabEndpoint;
  sourceAddress?: string;
  intervalMs: number;
}

export function startRetryingApp(load: LoadGroup, opts: RetryingAppOptions): RetryingAppStats {
  const stats: RetryingAppStats = { attempts: 0, refusals: 0, successes: 0 };
  load.loop(async () => {
    stats.attempts++;
    const { reply, isError } = await pingFreshConnection(opts.endpoint, { sourceAddress: opts.sourceAddress, timeoutMs: 1_000 });
    if (!isError) stats.successes++;
    else if (MAX_CLIENTS_REPLY.test(reply)) {
      stats.refusals++;
      stats.firstRefusal ??= reply;
    } else throw new Error(reply);
    await load.sleep(opts.intervalMs);
  });
  return stats;
}
