// A small line chart as inline SVG for the print view: the PDF is rendered from self-contained HTML,
// so charts are drawn on the server, without scripts. Markers (restarts, failovers) and the
// investigation's start are vertical lines; the threshold of a rule watching the series, a dashed
// line. Pure.

export interface ChartInput {
  title: string;
  unit: string;
  /** [t, value] at full resolution, or [t, min, avg, max] from rollups (avg is drawn). */
  points: ReadonlyArray<readonly (number | null)[]>;
  from: number;
  to: number;
  thresholds?: ReadonlyArray<{ value: number; severity: string }>;
  events?: ReadonlyArray<{ t: number; label: string }>;
}

const W = 640;
const H = 180;
const PAD = { l: 56, r: 12, t: 12, b: 24 };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return a >= 10 || a === 0 ? v.toFixed(0) : v.toFixed(2);
}

/** HH:MM, with seconds when the chart spans less than ten minutes (else every tick reads the same). */
const clock = (t: number, span: number) => new Date(t).toISOString().slice(11, span < 600_000 ? 19 : 16);

export function svgChart(c: ChartInput): string {
  const pts = c.points
    .map((p) => [p[0]!, p.length === 4 ? p[2] : p[1]] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && p[1] !== undefined && p[0] >= c.from && p[0] <= c.to);
  const values = [...pts.map((p) => p[1]), ...(c.thresholds ?? []).map((t) => t.value)];
  const max = values.length ? Math.max(...values) : 1;
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const x = (t: number) => PAD.l + ((t - c.from) / Math.max(1, c.to - c.from)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - ((v - min) / span) * (H - PAD.t - PAD.b);
  const path = pts.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" ");
  const grid = [min, min + span / 2, max]
    .map((v) => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${PAD.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#555">${fmt(v)}</text>`)
    .join("");
  const ticks = [c.from, (c.from + c.to) / 2, c.to]
    .map((t, i) => `<text x="${x(t).toFixed(1)}" y="${H - 6}" text-anchor="${["start", "middle", "end"][i]}" font-size="10" fill="#555">${clock(t, c.to - c.from)} UTC</text>`)
    .join("");
  const thresholds = (c.thresholds ?? [])
    .map((t) => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(t.value).toFixed(1)}" y2="${y(t.value).toFixed(1)}" stroke="${t.severity === "critical" ? "#c62828" : "#e08a00"}" stroke-dasharray="4 3"/>`)
    .join("");
  const events = (c.events ?? [])
    .filter((e) => e.t >= c.from && e.t <= c.to)
    .map((e) => `<line x1="${x(e.t).toFixed(1)}" x2="${x(e.t).toFixed(1)}" y1="${PAD.t}" y2="${H - PAD.b}" stroke="#6a1b9a" stroke-dasharray="2 2"/><text x="${(x(e.t) + 3).toFixed(1)}" y="${PAD.t + 10}" font-size="9" fill="#6a1b9a">${escapeHtml(e.label)}</text>`)
    .join("");
  const body = pts.length ? `<path d="${path}" fill="none" stroke="#1565c0" stroke-width="1.5"/>` : `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="12" fill="#777">No samples in this window</text>`;
  const label = `${c.title} (${c.unit}), ${pts.length} samples`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeHtml(label)}">${grid}${thresholds}${events}${body}${ticks}</svg><figcaption>${escapeHtml(label)}</figcaption></figure>`;
}
