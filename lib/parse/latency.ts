// Parser for the LATENCY LATEST reply: one [event, timestamp, latest ms, max ms] array per event.
import { neverThrow, replyNumber, replyText } from "./reply";

export interface LatencyEvent {
  /** Redis's event name: `command`, `fast-command`, `fork`, `aof-fsync-always`, `expire-cycle`… */
  event: string;
  /** Unix seconds of the latest spike. */
  timestamp: number;
  latestMs: number;
  /** All-time maximum since the server started or LATENCY RESET. */
  maxMs: number;
}

export function parseLatencyLatest(reply: unknown): LatencyEvent[] {
  return neverThrow(
    () => [],
    () => {
      if (!Array.isArray(reply)) return [];
      const events: LatencyEvent[] = [];
      for (const item of reply) {
        if (!Array.isArray(item) || item.length < 4) continue;
        const event = replyText(item[0]);
        const timestamp = replyNumber(item[1]);
        const latestMs = replyNumber(item[2]);
        const maxMs = replyNumber(item[3]);
        if (!event || timestamp === undefined || latestMs === undefined || maxMs === undefined) continue;
        events.push({ event, timestamp, latestMs, maxMs });
      }
      return events;
    },
  );
}
