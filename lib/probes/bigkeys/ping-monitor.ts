// The scan's eyes on the instance: PING round trips on the reserved connection, the latency any other
// client sees while the scan runs. A baseline before the scan, then one PING every few ms fed to the
// pacer; a PING still unanswered counts as slow as it already is (a blocked server must not look idle).
import "server-only";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { sleep } from "../probe-support";

/** A PING this late is answered as a failure: the scan backs off as hard as it can. */
const PING_TIMEOUT_MS = 2_000;

function hrMs(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** PINGs spaced out before the scan: the instance's latency (and the host's noise) untouched by it. */
export async function measureBaseline(runner: CommandRunner, samples = 20, gapMs = 5): Promise<number[]> {
  const rtts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await runner.call(["PING"], { timeoutMs: PING_TIMEOUT_MS });
    rtts.push(hrMs(t0));
    await sleep(gapMs);
  }
  return rtts;
}

export class PingMonitor {
  private running = false;
  private inFlightSince: bigint | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly runner: CommandRunner,
    private readonly signal: AbortSignal,
    private readonly onSample: (ms: number) => void,
    private readonly intervalMs = 10,
    /** Called after each PING: the caller folds the runner's records (command-tally). */
    private readonly afterPing: () => void = () => {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** How long the PING in flight has waited so far; 0 when none is. */
  pendingMs(): number {
    return this.inFlightSince === undefined ? 0 : hrMs(this.inFlightSince);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running && !this.signal.aborted) {
      const t0 = process.hrtime.bigint();
      this.inFlightSince = t0;
      try {
        await this.runner.call(["PING"], { timeoutMs: PING_TIMEOUT_MS });
        this.onSample(hrMs(t0));
      } catch {
        // Timed out or the reserved connection failed: as bad a signal as it gets.
        if (this.running && !this.signal.aborted) this.onSample(Math.max(PING_TIMEOUT_MS, hrMs(t0)));
      } finally {
        this.inFlightSince = undefined;
        this.afterPing();
      }
      if (this.running) await sleep(this.intervalMs, this.signal);
    }
  }
}
