// Runs the alert state machine over the sampler's evaluations: keeps the open alerts in memory
// (loaded from the store at start, so a restart neither loses nor duplicates them), writes each
// state change in order, and sends the webhook on firing and resolved (warning and critical only)
// without waiting for it.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/store/database";
import * as repo from "@/lib/store/alerts-repo";
import { logger } from "@/lib/log/logger";
import { alertKey, stepAlerts, type AlertRecord, type Evaluation, type Transition } from "./alert-state";
import { postWebhook, type WebhookOptions } from "./alert-webhook";
import { ruleFinding, ruleHolds } from "./evaluate-rules";
import type { Signals } from "./health-signals";
import { selfMetrics } from "./prometheus-registry";
import type { ThresholdRule } from "./rules";

export interface InstanceRef {
  id: string;
  name: string;
  address: string;
}

export interface AlertEngineOptions {
  db: Db;
  webhookUrl?: string;
  webhook?: WebhookOptions;
  /** Tests shorten `for`; by default each rule's own forSeconds. */
  forSecondsOf?: (rule: ThresholdRule) => number;
}

export class AlertEngine {
  private readonly open = new Map<string, Map<string, AlertRecord>>();
  private writes: Promise<void> = Promise.resolve();
  private readonly deliveries = new Set<Promise<boolean>>();

  constructor(private readonly opts: AlertEngineOptions) {}

  async load(): Promise<void> {
    for (const a of await repo.listOpenAlerts(this.opts.db)) this.bucket(a.instanceId).set(alertKey(a.ruleId, a.node), a);
  }

  private bucket(instanceId: string): Map<string, AlertRecord> {
    let b = this.open.get(instanceId);
    if (!b) this.open.set(instanceId, (b = new Map()));
    return b;
  }

  /** Evaluates `rules` on one node's signals (undefined: nothing known, every rule is false). */
  observe(instance: InstanceRef, node: string, signals: Signals | undefined, rules: readonly ThresholdRule[], at: number): Transition[] {
    const evaluations: Evaluation[] = rules
      .filter((rule) => rule.alert !== false)
      .map((rule) => {
        const holds = signals !== undefined && ruleHolds(rule, signals);
        return { rule, node, holds, value: signals?.[rule.signal], message: holds ? ruleFinding(rule, signals!).message : rule.message };
      });
    const bucket = this.bucket(instance.id);
    const scope = new Map([...bucket].filter(([, a]) => a.node === node));
    return this.apply(instance, stepAlerts(scope, evaluations, this.context(instance.id, at)));
  }

  /** A deleted instance: every open alert of it resolves. */
  resolveInstance(instance: InstanceRef, at: number): Transition[] {
    return this.apply(instance, stepAlerts(this.bucket(instance.id), [], this.context(instance.id, at)));
  }

  private context(instanceId: string, at: number) {
    return { instanceId, at, forSecondsOf: this.opts.forSecondsOf ?? ((r: ThresholdRule) => r.forSeconds), newId: randomUUID };
  }

  private apply(instance: InstanceRef, transitions: Transition[]): Transition[] {
    const bucket = this.bucket(instance.id);
    for (const t of transitions) {
      const key = alertKey(t.alert.ruleId, t.alert.node);
      if (t.kind === "pending" || t.kind === "firing") bucket.set(key, t.alert);
      else bucket.delete(key);
      this.writes = this.writes.then(() => this.persist(t)).catch((err) => logger.error({ err: String(err), alert: t.alert.id }, "alert write failed"));
      if (t.kind !== "dropped") selfMetrics().alertTransitions.inc({ state: t.kind, severity: t.alert.severity });
      // Info alerts (a new slowlog entry) are for the dashboard; the webhook pages people.
      if ((t.kind === "firing" || t.kind === "resolved") && t.alert.severity !== "info" && this.opts.webhookUrl) this.deliver(instance, t.kind, t.alert);
    }
    return transitions;
  }

  private async persist(t: Transition): Promise<void> {
    const db = this.opts.db;
    if (t.kind === "dropped") return repo.deleteAlert(db, t.alert.id);
    if (t.kind === "resolved" || (t.kind === "firing" && t.previous)) return repo.updateAlert(db, t.alert);
    return repo.insertAlert(db, t.alert);
  }

  private deliver(instance: InstanceRef, state: "firing" | "resolved", alert: AlertRecord): void {
    const at = new Date((state === "firing" ? alert.firedAt : alert.resolvedAt) ?? Date.now()).toISOString();
    const p = postWebhook(this.opts.webhookUrl!, { alert, instance, state, at }, this.opts.webhook);
    this.deliveries.add(p);
    void p.then((ok) => {
      this.deliveries.delete(p);
      selfMetrics().webhookDeliveries.inc({ outcome: ok ? "delivered" : "failed" });
      if (!ok) logger.warn({ alert: alert.id, rule: alert.ruleId, state }, "alert webhook not delivered");
    });
  }

  openAlerts(instanceId?: string): AlertRecord[] {
    const buckets = instanceId ? [this.open.get(instanceId) ?? new Map()] : [...this.open.values()];
    return buckets.flatMap((b) => [...b.values()]);
  }

  /** Waits for queued writes and webhook deliveries (tests, shutdown). */
  async flush(): Promise<void> {
    await this.writes;
    await Promise.all([...this.deliveries]);
  }
}
