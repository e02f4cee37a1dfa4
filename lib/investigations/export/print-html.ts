// The print view of the postmortem: one self-contained HTML page (inline CSS, charts as inline SVG,
// no script, no external resource), which Chromium turns into the PDF. Everything from Redis or
// from people is HTML-escaped; the author's prose keeps its line breaks. Pure.
import { argvLine } from "@/lib/investigations/fix-preview";
import type { ExportBundle } from "./bundle-schema";
import { escapeHtml as e, svgChart, type ChartInput } from "./svg-chart";

const when = (iso: string | null | undefined) => (iso ? iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC") : "–");
const prose = (s: string) => (s.trim() ? `<p class="prose">${e(s.trim())}</p>` : `<p class="empty">Not written yet.</p>`);
const table = (head: string[], rows: string[][], widths?: string[]) =>
  `<table${widths ? ' class="fixed"' : ""}>${widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}">`).join("")}</colgroup>` : ""}<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
const code = (lines: string[]) => `<pre><code>${e(lines.join("\n"))}</code></pre>`;

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
body { font: 10.5pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #111; }
h1 { font-size: 19pt; margin: 0 0 6pt; } h2 { font-size: 13.5pt; margin: 16pt 0 6pt; border-bottom: 1px solid #ccc; padding-bottom: 2pt; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9pt; page-break-inside: auto; }
th, td { border: 1px solid #ccc; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f1f3f5; } table.fixed { table-layout: fixed; } td.nowrap { white-space: nowrap; }
.sev-info { color: #0b55c9; } tr { page-break-inside: avoid; }
pre { background: #f6f8fa; border: 1px solid #ddd; padding: 5pt 7pt; font-size: 8.5pt; white-space: pre-wrap; word-break: break-all; }
.prose { white-space: pre-wrap; } .empty { color: #777; font-style: italic; }
.meta td:first-child { width: 22%; font-weight: 600; } .star { color: #b8860b; }
.sev-critical { color: #b71c1c; font-weight: 600; } .sev-warning { color: #9a5b00; font-weight: 600; } .sev-ok { color: #1b5e20; }
figure { margin: 6pt 0 10pt; page-break-inside: avoid; } figcaption { font-size: 8.5pt; color: #444; }
.banner { background: #fff4e5; border: 1px solid #e0a030; padding: 4pt 8pt; font-size: 9pt; }
`;

export function renderPrintHtml(b: ExportBundle, charts: readonly ChartInput[]): string {
  const doc = b.postmortem.doc;
  const chosen = b.playbook.rootCauses.find((r) => r.id === b.investigation.rootCauseId);
  const parts: string[] = [];
  parts.push(`<h1>Postmortem: ${e(b.investigation.title)}</h1>`);
  if (b.redacted) parts.push(`<p class="banner">Redacted: key names, client addresses and client names are replaced by tokens (key-1, client-addr-1, client-name-1).</p>`);
  parts.push(
    `<table class="meta"><tbody>${[
      ["Instance", b.instance ? `${b.instance.name} (${b.instance.host}:${b.instance.port}, ${b.instance.mode})` : "deleted"],
      ["Playbook", `${b.playbook.title} (${b.playbook.id})`],
      ["Status", b.investigation.status],
      ["Root cause", chosen?.title ?? "not chosen"],
      ["Started", `${when(b.investigation.createdAt)} by ${b.investigation.createdBy}`],
      ["Exported", `${when(b.generatedAt)} by ${b.generatedBy}`],
    ]
      .map(([k, v]) => `<tr><td>${e(k!)}</td><td>${e(v!)}</td></tr>`)
      .join("")}</tbody></table>`,
  );
  parts.push(`<h2>Summary</h2>${prose(doc.summary)}<h2>Impact</h2>${prose(doc.impact)}`);
  parts.push(`<h2>Detection</h2>${prose(doc.detection.how)}<p>Noticed at: ${e(when(doc.detection.noticedAt || null))}</p>`);
  if (charts.length) parts.push(`<h2>Charts</h2><p>From ${e(when(b.window.from))} to ${e(when(b.window.to))}.</p>${charts.map(svgChart).join("")}`);
  parts.push(
    `<h2>Timeline</h2>${
      b.timeline.length
        ? table(
            ["Time (UTC)", "Kind", "What", "Who"],
            b.timeline.map((t) => [
              e(when(t.at)),
              `${t.starred ? '<span class="star">★</span> ' : ""}<span class="sev-${t.severity ?? "none"}">${e(t.kind)}</span>${t.edited ? " (edited)" : ""}`,
              e(t.text) + (t.commands?.length ? `<br><code>${e(t.commands.map(argvLine).join("; "))}</code>` : ""),
              e(t.who ?? ""),
            ]),
            ["16%", "15%", "57%", "12%"],
          )
        : '<p class="empty">Nothing recorded.</p>'
    }`,
  );
  parts.push(`<h2>Trigger</h2>${prose(doc.trigger)}<h2>Root cause</h2>${prose(doc.rootCause)}`);
  for (const rc of b.rootCauseEvidence.filter((r) => r.state !== "open" || r.chosen)) {
    parts.push(`<h3>${e(rc.title)}: ${e(rc.state)}${rc.chosen ? " (chosen)" : ""}</h3>`);
    if (rc.findings.length) parts.push(table(["Finding", "Severity", "Message", "Step", "At"], rc.findings.map((f) => [e(f.code), `<span class="sev-${f.severity}">${e(f.severity)}</span>`, e(f.message), e(f.stepId ?? f.probeId), e(when(f.at))])));
  }
  parts.push(`<h2>Resolution</h2>${prose(doc.resolution)}`);
  for (const a of b.actions) parts.push(`<h3>${e(a.title)} (${e(a.risk ?? "fix")}), ${a.verified ? "verified" : "not verified"}</h3>${code(a.argv.map(argvLine))}`);
  parts.push(
    `<h2>Action items</h2>${doc.actionItems.length ? table(["Type", "Item", "Owner", "Due", "Done"], doc.actionItems.map((i) => [e(i.type), e(i.text), e(i.owner || "–"), e(i.due || "–"), i.done ? "✔ done" : "☐ open"])) : '<p class="empty">None.</p>'}`,
  );
  parts.push(`<h2>Lessons</h2><h3>What went well</h3>${prose(doc.lessons.wentWell)}<h3>What went wrong</h3>${prose(doc.lessons.wentWrong)}<h3>Where we got lucky</h3>${prose(doc.lessons.lucky)}`);
  parts.push(`<h2>Evidence, step by step</h2>`);
  for (const s of b.steps) {
    if (s.kind === "note") {
      parts.push(`<h3>Note, ${e(when(s.at))} by ${e(s.who)}</h3>${prose(s.note ?? "")}`);
      continue;
    }
    const r = s.result!;
    if ("kind" in r && r.kind === "fix") continue;
    const p = r as Extract<typeof r, { probeId: string }>;
    parts.push(`<h3>${e(s.title ?? p.probeId)}, ${e(when(s.at))}</h3>`);
    if (p.commands.length) parts.push(code(p.commands.map((c) => argvLine(c.argv))));
    if (p.findings.length) parts.push(table(["Finding", "Severity", "Message"], p.findings.map((f) => [e(f.code), `<span class="sev-${f.severity}">${e(f.severity)}</span>`, e(f.message)])));
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(b.investigation.title)}</title><style>${CSS}</style></head><body>${parts.join("\n")}</body></html>`;
}
