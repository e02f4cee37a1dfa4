// What a scenario waits for before start() returns: the server's own evidence (SLOWLOG, INFO),
// read over fresh short-lived connections like an operator's redis-cli would.
import "server-only";
import { parseInfo, type InfoSnapshot } from "@/lib/parse/info";
import { parseSlowlog, type SlowlogEntry } from "@/lib/parse/slowlog";
import { createLabClient, labCommand, type LabEndpoint } from "../../lab-client";
import { waitUntil } from "../../wait-until";

export async function readInfo(endpoint: LabEndpoint, section?: string): Promise<InfoSnapshot> {
  return parseInfo(await labCommand(endpoint, section ? ["INFO", section] : ["INFO"]));
}

export interface SlowEntryWanted {
  /** Command name, case-insensitive. */
  command: string;
  /** First argument, when it matters (the key of a big-key read). */
  firstArg?: string;
  minDurationUs: number;
  timeoutMs: number;
}

export function findSlowEntry(entries: SlowlogEntry[], wanted: Omit<SlowEntryWanted, "timeoutMs">): SlowlogEntry | undefined {
  return entries.find(
    (e) =>
      e.argv[0]?.toUpperCase() === wanted.command.toUpperCase() &&
      (wanted.firstArg === undefined || e.argv[1] === wanted.firstArg) &&
      e.durationUs >= wanted.minDurationUs,
  );
}

/** Polls SLOWLOG GET until an entry matches; returns it. */
export async function waitForSlowEntry(endpoint: LabEndpoint, wanted: SlowEntryWanted): Promise<SlowlogEntry> {
  let found: SlowlogEntry | undefined;
  await waitUntil(
    async () => {
      const entries = parseSlowlog(await labCommand(endpoint, ["SLOWLOG", "GET", "128"]));
      found = findSlowEntry(entries, wanted);
      if (found) return true;
      const slowest = Math.max(0, ...entries.map((e) => e.durationUs));
      return `${entries.length} slowlog entries, slowest ${Math.round(slowest / 1000)} ms`;
    },
    {
      timeoutMs: wanted.timeoutMs,
      intervalMs: 250,
      what: `a SLOWLOG entry for ${wanted.command} of at least ${wanted.minDurationUs / 1000} ms`,
    },
  );
  return found!;
}

/**
 * The slowest PING round trip seen within `forMs`, stopping early once one reaches `enoughMs`: how a
 * blocking command shows to every other client. On its own connection, closed afterwards.
 */
export async function worstPingMs(endpoint: LabEndpoint, opts: { forMs: number; enoughMs: number }): Promise<number> {
  const client = createLabClient(endpoint);
  let worst = 0;
  try {
    const deadline = Date.now() + opts.forMs;
    while (Date.now() < deadline && worst < opts.enoughMs) {
      const t = performance.now();
      await client.ping();
      worst = Math.max(worst, performance.now() - t);
    }
  } finally {
    client.disconnect();
  }
  return worst;
}
