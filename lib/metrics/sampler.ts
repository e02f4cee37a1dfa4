// The fleet sampler: one InstanceSampler per registered instance, each on its own schedule, kept in
// step with the registry (reloaded on every add/edit/delete and on a slow poll). Every minute it
// writes the 1-minute rollups of the ring buffers in one batch; every hour it prunes old rows.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/store/database";
import { toConnectionConfig, type InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { insertMarkers } from "@/lib/store/metric-markers-repo";
import { ConnectionManager } from "@/lib/redis/connection-manager";
import { logger } from "@/lib/log/logger";
import { AlertEngine } from "./alert-engine";
import type { WebhookOptions } from "./alert-webhook";
import { InstanceSampler, type SamplerContext } from "./instance-sampler";
import type { Marker } from "./marker";
import { DEFAULT_WINDOWS, type Windows } from "./node-history";
import { selfMetrics } from "./prometheus-registry";
import { flushRollups, pruneHistory } from "./rollups";
import type { ThresholdRule } from "./rules";

export interface SamplerOptions {
  db: Db;
  key: Buffer;
  manager: ConnectionManager;
  intervalMs?: number;
  retentionDays?: number;
  webhookUrl?: string;
  webhook?: WebhookOptions;
  windows?: Windows;
  commandTimeoutMs?: number;
  /** Tests shorten `for`. */
  forSecondsOf?: (rule: ThresholdRule) => number;
  /** How often the registry is re-read even without a change notice (other dashboard replicas). */
  reloadEveryMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class Sampler {
  readonly instances = new Map<string, InstanceSampler>();
  readonly engine: AlertEngine;
  readonly intervalMs: number;
  private readonly ctx: SamplerContext;
  private readonly versions = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];
  private reloading: Promise<void> = Promise.resolve();
  private lastFlushedMinute: number;
  private running = false;

  constructor(private readonly opts: SamplerOptions) {
    this.intervalMs = opts.intervalMs ?? 2_000;
    this.engine = new AlertEngine({ db: opts.db, webhookUrl: opts.webhookUrl, webhook: opts.webhook, forSecondsOf: opts.forSecondsOf });
    this.ctx = {
      manager: opts.manager,
      engine: this.engine,
      intervalMs: this.intervalMs,
      windows: opts.windows ?? DEFAULT_WINDOWS,
      capacity: Math.ceil(HOUR / this.intervalMs) + 1,
      commandTimeoutMs: Math.min(opts.commandTimeoutMs ?? 2_000, Math.max(this.intervalMs, 500)),
      extrasEveryMs: MINUTE,
      clusterNodesEveryTicks: Math.max(1, Math.round(10_000 / this.intervalMs)),
      onMarkers: (id, markers) => this.saveMarkers(id, markers),
    };
    this.lastFlushedMinute = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
  }

  get windows(): Windows {
    return this.ctx.windows;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.engine.load();
    await this.reload();
    this.every(this.opts.reloadEveryMs ?? MINUTE, () => this.reload());
    this.every(5_000, () => this.flush());
    this.every(HOUR, () => this.prune());
    // Also once now: a dashboard restarted often might otherwise never reach its first hourly prune.
    void this.prune().catch((err) => logger.error({ err: String(err) }, "metrics prune failed"));
    logger.info({ instances: this.instances.size, intervalMs: this.intervalMs }, "sampler started");
  }

  private every(ms: number, fn: () => Promise<unknown>): void {
    const t = setInterval(() => void fn().catch((err) => logger.error({ err: String(err) }, "sampler housekeeping failed")), ms);
    t.unref?.();
    this.timers.push(t);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.instances.values()].map((s) => s.stop()));
    await this.engine.flush();
  }

  /** Re-reads the registry: starts new instances, updates edited ones, stops deleted ones. Serialized. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.applyRegistry()).catch((err) => logger.error({ err: String(err) }, "sampler reload failed"));
    return this.reloading;
  }

  private async applyRegistry(): Promise<void> {
    const rows = await this.opts.db.selectFrom("instances").selectAll().execute();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      if (this.versions.get(row.id) === Number(row.updated_at) && this.instances.has(row.id)) continue;
      let config: InstanceConnectionConfig;
      try {
        config = toConnectionConfig(row, this.opts.key);
      } catch (err) {
        // A password sealed under another key: this instance cannot be sampled, the others can.
        logger.error({ instanceId: row.id, err: String(err) }, "sampler cannot open the instance's settings");
        continue;
      }
      this.versions.set(row.id, Number(row.updated_at));
      const current = this.instances.get(row.id);
      if (current && sameTarget(current.config, config)) current.update(config);
      else {
        if (current) await this.remove(row.id, false);
        this.add(config);
      }
    }
    for (const id of [...this.instances.keys()]) if (!seen.has(id)) await this.remove(id, true);
    selfMetrics().sampledInstances.set(this.instances.size);
  }

  private add(config: InstanceConnectionConfig): void {
    const sampler = new InstanceSampler(config, this.ctx);
    this.instances.set(config.id, sampler);
    if (this.running) sampler.start(spread(config.id, this.intervalMs));
  }

  private async remove(id: string, deleted: boolean): Promise<void> {
    const sampler = this.instances.get(id);
    if (!sampler) return;
    this.instances.delete(id);
    this.versions.delete(id);
    await sampler.stop();
    this.engine.resolveInstance(sampler.ref, Date.now());
    if (deleted) this.opts.manager.remove(id);
  }

  /** Adds an instance sampler without the registry (tests and the benchmark drive it directly). */
  track(config: InstanceConnectionConfig): InstanceSampler {
    this.add(config);
    return this.instances.get(config.id)!;
  }

  private saveMarkers(instanceId: string, markers: Marker[]): void {
    insertMarkers(this.opts.db, instanceId, markers).catch((err) => logger.error({ err: String(err), instanceId }, "marker write failed"));
  }

  /** Writes every complete minute not yet written, in one transaction. */
  async flush(now = Date.now()): Promise<number> {
    const upTo = Math.floor(now / MINUTE) * MINUTE;
    if (upTo <= this.lastFlushedMinute + MINUTE) return 0;
    const from = this.lastFlushedMinute + MINUTE;
    const written = await flushRollups(this.opts.db, this.instances.values(), from, upTo);
    this.lastFlushedMinute = upTo - MINUTE;
    return written;
  }

  prune(now = Date.now()): Promise<void> {
    return pruneHistory(this.opts.db, now, this.opts.retentionDays ?? 7);
  }
}

/** The same server and mode keep their ring buffers and history across an edit. */
function sameTarget(a: InstanceConnectionConfig, b: InstanceConnectionConfig): boolean {
  return a.host === b.host && a.port === b.port && a.mode === b.mode && a.db === b.db && a.sentinelMaster === b.sentinelMaster;
}

/** A stable offset within the interval, so a hundred instances do not all tick in the same millisecond. */
export function spread(id: string, intervalMs: number): number {
  return createHash("sha1").update(id).digest().readUInt32BE(0) % intervalMs;
}
