// The sampler's settings from the environment (README documents them): on/off, interval,
// retention of the 1-minute rollups, and the optional alert webhook.
import "server-only";

export interface SamplerEnv {
  enabled: boolean;
  intervalMs: number;
  retentionDays: number;
  webhookUrl: string | undefined;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readSamplerEnv(env: NodeJS.ProcessEnv = process.env): SamplerEnv {
  return {
    enabled: (env.REDLINE_SAMPLER ?? "on").toLowerCase() !== "off",
    // Below 250 ms the sampler would mostly measure itself.
    intervalMs: Math.max(250, Math.round(positive(env.REDLINE_SAMPLE_INTERVAL_MS, 2_000))),
    retentionDays: positive(env.REDLINE_METRICS_RETENTION_DAYS, 7),
    webhookUrl: env.REDLINE_ALERT_WEBHOOK_URL || undefined,
  };
}
