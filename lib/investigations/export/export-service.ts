// Exports an investigation as Markdown, JSON or PDF, optionally redacted. Reads the investigation,
// its instance (public view: never a secret), playbook, the audit records of its fix actions, the
// instance's alerts and markers in the window, the timeline and the postmortem; builds the bundle;
// redacts it when asked (every format is rendered from the redacted bundle, so none can leak what
// another hides); audits the export with its format and redact flag before answering.
import "server-only";
import { WINDOW_MS, METRIC_WINDOWS, type MetricWindow } from "@/lib/api/schemas/metrics";
import { getStore } from "@/lib/store/get-store";
import { getInstance, loadConnectionConfig } from "@/lib/store/instances-repo";
import { queryAudit } from "@/lib/store/audit-repo";
import { instanceMetrics } from "@/lib/metrics/metrics-query";
import { getSampler } from "@/lib/metrics/sampler-registry";
import { audit } from "@/lib/security/audit";
import type { Caller } from "@/lib/security/caller";
import { logger } from "@/lib/log/logger";
import { hypotheses } from "@/lib/investigations/hypotheses";
import { getPlaybook } from "@/lib/playbooks";
import { postmortemOf, requireInvestigationWithPlaybook, timelineSources } from "@/lib/investigations/timeline-service";
import { assembleBundle } from "./assemble-bundle";
import type { ExportFormat } from "./formats";
import type { ExportBundle } from "./bundle-schema";
import { renderMarkdown } from "./markdown";
import { renderPrintHtml } from "./print-html";
import { redact } from "./redact";
import { renderPdf } from "./render-pdf";
import { escapeHtml, type ChartInput } from "./svg-chart";


const MAX_CHARTS = 4;

export async function buildBundle(id: string, opts: { redact: boolean; by: string; now?: number }): Promise<{ bundle: ExportBundle; nodeAddresses: string[] }> {
  const { db } = await getStore();
  const { inv, playbook } = await requireInvestigationWithPlaybook(db, id);
  const now = opts.now ?? Date.now();
  const [instance, src, postmortem, auditRecords] = await Promise.all([
    getInstance(db, inv.instanceId),
    timelineSources(db, inv, playbook, now),
    postmortemOf(db, inv, playbook),
    queryAudit(db, { action: "fix.execute", instanceId: inv.instanceId, limit: 1000 }),
  ]);
  const bundle = assembleBundle({
    investigation: inv,
    hypotheses: hypotheses(playbook.rootCauses, inv.steps),
    instance: instance ?? null,
    playbook,
    audit: auditRecords,
    alerts: src.alerts,
    markers: src.markers,
    window: src.window,
    timeline: src.timeline,
    postmortem,
    generatedAt: new Date(now),
    generatedBy: opts.by,
  });
  // Node addresses are the instance's own, not clients': they stay readable.
  const nodeAddresses = [...(instance ? [`${instance.host}:${instance.port}`] : []), ...inv.steps.flatMap((s) => (s.result && "node" in s.result && s.result.node ? [s.result.node] : []))];
  if (!opts.redact) return { bundle, nodeAddresses };
  const r = redact(bundle, { nodeAddresses });
  return { bundle: { ...r.value, redacted: true, redaction: r.summary }, nodeAddresses };
}

/** The smallest chart window reaching back to the investigation window's start. */
function chartWindow(from: number, now: number): MetricWindow {
  return METRIC_WINDOWS.find((w) => now - WINDOW_MS[w] <= from) ?? "7d";
}

/** The playbook steps' charts over the window, first node only, from the sampler or its rollups. */
async function chartsFor(bundle: ExportBundle, playbookCharts: string[], now: number): Promise<ChartInput[]> {
  const { db, key } = await getStore();
  const config = bundle.instance && (await loadConnectionConfig(db, key, bundle.instance.id));
  if (!config || playbookCharts.length === 0) return [];
  const windowFrom = Date.parse(bundle.window.from);
  const to = Math.min(now, Date.parse(bundle.window.to));
  const read = (window: MetricWindow) =>
    instanceMetrics({ db, sampler: getSampler() }, config, { window, series: playbookCharts.slice(0, MAX_CHARTS) }, now).catch((err: unknown) => {
      logger.warn({ err: String(err), investigationId: bundle.investigation.id }, "export: charts unavailable");
      return null;
    });
  // Beyond an hour the sampler answers from its 1-minute rollups; a young instance has none yet,
  // while the sampler's memory (the last hour) has its samples.
  let m = await read(chartWindow(windowFrom, now));
  if (m && m.series.length === 0 && now - windowFrom > WINDOW_MS["1h"]) m = await read("1h");
  if (!m || m.series.length === 0) return [];
  const firstNode = m.series[0]!.node;
  const series = m.series.filter((s) => s.node === firstNode && !s.labels);
  // The chart starts at the window, or at the first sample when the instance is younger than that.
  const firstSample = Math.min(...series.map((s) => (s.points[0]?.[0] as number | undefined) ?? Infinity));
  const from = Math.max(windowFrom, Number.isFinite(firstSample) ? firstSample : windowFrom);
  const events = [
    { t: Date.parse(bundle.investigation.createdAt), label: "investigation started" },
    ...bundle.markers.map((mk) => ({ t: Date.parse(mk.at), label: mk.kind })),
  ];
  return series.map((s) => ({ title: `${s.title} · ${s.node}`, unit: s.unit, points: s.points, from, to, thresholds: s.thresholds, events }));
}

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

export async function exportInvestigation(id: string, format: ExportFormat, opts: { redact: boolean; caller: Caller }): Promise<ExportFile> {
  const now = Date.now();
  const { bundle } = await buildBundle(id, { redact: opts.redact, by: opts.caller.name, now });
  const base = `postmortem-${bundle.investigation.id.slice(0, 8)}${opts.redact ? "-redacted" : ""}`;
  let file: ExportFile;
  if (format === "json") file = { body: `${JSON.stringify(bundle, null, 2)}\n`, contentType: "application/json; charset=utf-8", filename: `${base}.json` };
  else if (format === "md") file = { body: renderMarkdown(bundle), contentType: "text/markdown; charset=utf-8", filename: `${base}.md` };
  else {
    const charts = [...new Set(getPlaybook(bundle.playbook.id)?.investigation.flatMap((s) => s.charts) ?? [])];
    const html = renderPrintHtml(bundle, await chartsFor(bundle, charts, now));
    file = { body: await renderPdf(html, { footer: escapeHtml(bundle.investigation.title) }), contentType: "application/pdf", filename: `${base}.pdf` };
  }
  // Audited once the file exists: an export that failed to render gave nothing away.
  await audit(opts.caller, "export", { instanceId: bundle.instance?.id ?? null, detail: { investigationId: bundle.investigation.id, format, redact: opts.redact, bytes: Buffer.byteLength(file.body) } });
  logger.info({ investigationId: bundle.investigation.id, format, redact: opts.redact, actor: opts.caller.name }, "investigation exported");
  return file;
}

/** The print view's HTML, for tests that check the PDF's source text. */
export async function exportPrintHtml(id: string, opts: { redact: boolean; by: string }): Promise<string> {
  const { bundle } = await buildBundle(id, { ...opts });
  return renderPrintHtml(bundle, []);
}
