// Evidence of a hot-key stampede, read the way an operator would: keyspace_misses jumping within a
// second (INFO stats), and the hot key ranked first by OBJECT FREQ under an LFU policy (what
// redis-cli --hotkeys does). Plus the clients' own view: misses grouped per expiry.
import "server-only";
import { infoNumber, parseInfo } from "@/lib/parse/info";
import { withLabClient, type LabEndpoint } from "../../lab-client";
import { waitUntil } from "../../wait-until";

/** Groups the clients' misses: misses less than a second after a burst's first belong to it. */
export class MissBursts {
  /** Bursts of at least `min` misses so far. */
  count = 0;
  /** Misses of the latest burst. */
  lastSize = 0;
  private start = -Infinity;
  private size = 0;

  constructor(private readonly min: number) {}

  miss(now: number): void {
    if (now - this.start > 1_000) {
      this.start = now;
      this.size = 0;
    }
    this.size++;
    if (this.size === this.min) this.count++;
    if (this.size >= this.min) this.lastSize = this.size;
  }
}

export interface MissJump {
  misses: number;
  windowMs: number;
}

/**
 * Samples keyspace_misses every 200 ms until it rose by at least `min` within one second and
 * `confirmed()` holds (the clients saw a burst, so the jump is the stampede, not catalogue noise).
 */
export function missJump(endpoint: LabEndpoint, min: number, timeoutMs: number, confirmed: () => boolean): Promise<MissJump> {
  return withLabClient(endpoint, async (client) => {
    const samples: Array<{ t: number; misses: number }> = [];
    let jump: MissJump | undefined;
    await waitUntil(
      async () => {
        const misses = infoNumber(parseInfo(await client.call("INFO", "stats")), "keyspace_misses") ?? 0;
        const t = Date.now();
        samples.push({ t, misses });
        while (samples.length > 0 && t - samples[0].t > 1_000) samples.shift();
        const rise = misses - samples[0].misses;
        if (rise >= min && confirmed()) jump = { misses: rise, windowMs: t - samples[0].t };
        return jump !== undefined || `keyspace_misses ${misses} (+${rise} within 1 s)`;
      },
      { timeoutMs, intervalMs: 200, what: `keyspace_misses to jump by ${min} within a second` },
    );
    return jump!;
  });
}

export interface LfuRanking {
  hotFreq: number;
  hotIsTop: boolean;
  top: { key: string; freq: number };
  /** The highest other than the hot key. */
  runnerUp: { key: string; freq: number };
  sampled: number;
}

/** OBJECT FREQ of up to `limit` keys found by SCAN, and of the hot key (-1 while it is expired). */
export function lfuRanking(endpoint: LabEndpoint, hotKey: string, limit: number): Promise<LfuRanking> {
  return withLabClient(endpoint, async (client) => {
    const keys = new Set<string>();
    let cursor = "0";
    do {
      const [next, batch] = (await client.call("SCAN", cursor, "COUNT", "1000")) as [string, string[]];
      cursor = next;
      for (const k of batch) keys.add(k);
    } while (cursor !== "0" && keys.size < limit);
    keys.delete(hotKey);
    const sample = [...keys];
    const pipeline = client.pipeline();
    for (const key of [hotKey, ...sample]) pipeline.call("OBJECT", "FREQ", key);
    const replies = (await pipeline.exec()) ?? [];
    // An expired key answers nil (or an error): it has no frequency until the clients write it back.
    const freqs = replies.map(([err, value]) => (err || value === null ? -1 : Number(value)));
    const hotFreq = freqs[0];
    let runnerUp = { key: "", freq: -1 };
    sample.forEach((key, i) => {
      if (freqs[i + 1] > runnerUp.freq) runnerUp = { key, freq: freqs[i + 1] };
    });
    const hotIsTop = hotFreq > runnerUp.freq;
    return { hotFreq, hotIsTop, top: hotIsTop ? { key: hotKey, freq: hotFreq } : runnerUp, runnerUp, sampled: sample.length + 1 };
  });
}
