// Optional alert notification: a JSON POST to REDLINE_ALERT_WEBHOOK_URL on firing and resolved,
// with a timeout per try and exponential backoff between tries. Callers never await it on the
// sampler's path: a slow or dead receiver must not delay sampling.
import "server-only";
import type { AlertRecord } from "./alert-state";

export interface WebhookPayload {
  alert: AlertRecord;
  instance: { id: string; name: string; address: string };
  state: "firing" | "resolved";
  /** ISO time of the transition. */
  at: string;
}

export interface WebhookOptions {
  tries?: number;
  timeoutMs?: number;
  /** Wait before the second try; doubled before each further one. */
  backoffMs?: number;
}

/** Client errors other than 429 will not change on a retry. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Resolves true once delivered, false after the last failed try; never rejects. */
export async function postWebhook(url: string, payload: WebhookPayload, opts: WebhookOptions = {}): Promise<boolean> {
  const tries = opts.tries ?? 3;
  const body = JSON.stringify(payload);
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "redline-alerts" },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return true;
      if (!retryable(res.status)) return false;
    } catch {
      // network error or timeout: retried below
    }
    if (attempt < tries) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 1_000) * 2 ** (attempt - 1)));
  }
  return false;
}
