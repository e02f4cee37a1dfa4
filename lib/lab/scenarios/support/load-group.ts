// The load generators of a scenario: ioredis clients in this Node process running async loops.
// One group owns them all, so stop() can end every loop and close every connection before the
// redis-server processes go away, and nothing keeps the event loop (or the server) busy after.
import "server-only";
import type { Redis } from "ioredis";
import { createLabClient, type LabClientOptions, type LabEndpoint } from "../../lab-client";

/**
 * How long stop() lets loops finish their current command before closing their connections, which
 * rejects it: short, since a whole-key read or a KEYS reply can take a second to parse.
 */
const STOP_GRACE_MS = 200;
/** A failing loop (server gone, BUSY) pauses instead of spinning on errors. */
const ERROR_PAUSE_MS = 200;

export interface LoadStats {
  ops: number;
  errors: number;
  lastError?: string;
}

export class LoadGroup {
  private readonly clients = new Set<Redis>();
  private readonly loops = new Set<Promise<void>>();
  private readonly wakers = new Set<() => void>();
  private stopping: Promise<void> | undefined;
  readonly stats: LoadStats = { ops: 0, errors: 0 };

  constructor(private readonly endpoint: LabEndpoint) {}

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  /** A connection owned by the group: closed by stop(). */
  client(opts: LabClientOptions = {}): Redis {
    if (this.stopped) throw new Error("LoadGroup: stopped");
    const client = createLabClient(this.endpoint, opts);
    this.clients.add(client);
    return client;
  }

  /**
   * Runs `body` again and again until stop(). A thrown error is counted and followed by a short
   * pause: load clients see the incident's errors (BUSY, timeouts) like real applications do.
   */
  loop(body: () => Promise<void>): void {
    const run = (async () => {
      while (!this.stopped) {
        try {
          await body();
          this.stats.ops++;
        } catch (err) {
          if (this.stopped) break;
          this.stats.errors++;
          this.stats.lastError = err instanceof Error ? err.message : String(err);
          await this.sleep(ERROR_PAUSE_MS);
        }
      }
    })();
    this.loops.add(run);
    void run.finally(() => this.loops.delete(run));
  }

  /** One-shot task tracked like a loop (e.g. a script that never returns); its error is kept. */
  task(body: () => Promise<void>): Promise<void> {
    const run = body().catch((err: unknown) => {
      if (this.stopped) return;
      this.stats.errors++;
      this.stats.lastError = err instanceof Error ? err.message : String(err);
    });
    this.loops.add(run);
    void run.finally(() => this.loops.delete(run));
    return run;
  }

  /** A pause that ends early on stop(), so stop() never waits out a load's interval. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /**
   * Ends the loops (each finishes its current command, up to a grace period), then closes every
   * connection, which also rejects whatever a stuck loop still awaits. Idempotent.
   */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      for (const wake of [...this.wakers]) wake();
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)));
      await Promise.race([Promise.allSettled([...this.loops]), graceOver]);
      clearTimeout(grace);
      for (const client of this.clients) client.disconnect();
      await Promise.allSettled([...this.loops]);
      this.clients.clear();
    })());
  }
}
