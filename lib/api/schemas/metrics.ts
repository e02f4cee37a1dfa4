// Zod schemas for the metrics and alerts endpoints, shared by the server and the client hooks.
import { z } from "zod";
import { SERIES_IDS } from "@/lib/metrics/series-catalog";
import { ALERT_STATES } from "@/lib/metrics/alert-state";

export const METRIC_WINDOWS = ["15m", "1h", "6h", "24h", "7d"] as const;
export type MetricWindow = (typeof METRIC_WINDOWS)[number];

export const WINDOW_MS: Record<MetricWindow, number> = {
  "15m": 15 * 60_000,
  "1h": 60 * 60_000,
  "6h": 6 * 60 * 60_000,
  "24h": 24 * 60 * 60_000,
  "7d": 7 * 24 * 60 * 60_000,
};

const list = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

export const metricsQuerySchema = z
  .object({
    window: z.enum(METRIC_WINDOWS).default("1h"),
    /** Comma-separated series ids; all series when absent. */
    series: list(2_000)
      .refine((ids) => ids.every((id) => SERIES_IDS.includes(id)), { message: `Unknown series; known: ${SERIES_IDS.join(", ")}` })
      .optional(),
    /** One node's address (host:port) of a cluster or replicated instance. */
    node: z.string().trim().max(300).optional(),
  })
  .strict();
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const alertsQuerySchema = z
  .object({
    instanceId: z.string().uuid("Not an instance id").optional(),
    /** `open` (default): pending and firing; `all`: history too. */
    state: z.enum([...ALERT_STATES, "open", "all"]).default("open"),
    limit: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .strict();
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;
