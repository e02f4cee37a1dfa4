// The postmortem as Markdown, from the export bundle (already redacted when asked): renders in
// GitHub and Confluence. The author's prose is kept as written (it is Markdown); everything taken
// from Redis (key names, messages, replies) is escaped: evidence in tables, commands in code blocks.
import { argvLine } from "@/lib/investigations/fix-preview";
import type { ExportBundle } from "./bundle-schema";
import { mdCode, mdCodeBlock, mdTable, mdText } from "./md-escape";

const MAX_DATA_CHARS = 6_000;

const when = (iso: string | null | undefined) => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC") : "–");
const prose = (s: string, empty = "_Not written yet._") => (s.trim() ? s.trim() : empty);

function evidenceSection(b: ExportBundle): string[] {
  const out: string[] = ["## Root cause", "", prose(b.postmortem.doc.rootCause), ""];
  const decided = b.rootCauseEvidence.filter((r) => r.state !== "open" || r.chosen);
  if (decided.length === 0) return [...out, "_No root cause was decided by the evidence._", ""];
  out.push("### Evidence", "");
  for (const rc of decided) {
    const label = rc.state === "confirmed" ? "confirmed" : rc.state === "ruled-out" ? "ruled out" : "open";
    out.push(`**${mdText(rc.title)}**: ${label}${rc.chosen ? " (chosen root cause)" : ""}`, "");
    if (rc.findings.length) {
      out.push(mdTable(["Finding", "Severity", "Message", "Step", "At", "Evidence"], rc.findings.map((f) => [f.code, f.severity, f.message, f.stepId ?? f.probeId, when(f.at), Object.entries(f.evidence).map(([k, v]) => `${k}=${v}`).join(", ")])), "");
    }
  }
  return out;
}

function stepsAppendix(b: ExportBundle): string[] {
  const out = ["## Appendix: evidence, step by step", ""];
  for (const s of b.steps) {
    if (s.kind === "note") {
      out.push(`### Note, ${when(s.at)} by ${mdText(s.who)}`, "", mdText(s.note ?? ""), "");
      continue;
    }
    const r = s.result!;
    if ("kind" in r && r.kind === "fix") {
      out.push(`### Fix: ${mdText(s.title ?? r.actionId)}, ${when(s.at)} by ${mdText(s.who)}`, "", `Verified: **${r.verified ? "yes" : "no"}**`, "", mdCodeBlock(r.argv.map(argvLine).join("\n"), "shell"), "");
      out.push(mdTable(["Command", "Node", "Reply"], r.replies.map((x) => [argvLine(x.argv), x.node, x.error ? `${x.error.code}: ${x.error.message}` : JSON.stringify(x.reply)])), "");
      continue;
    }
    const p = r as Extract<typeof r, { probeId: string }>;
    out.push(`### ${mdText(s.title ?? p.probeId)}, ${when(s.at)}`, "", `Probe ${mdCode(p.probeId)} in ${p.durationMs.toFixed(1)} ms${p.partial ? ", partial" : ""}${p.error ? `, failed: ${mdText(`${p.error.code}: ${p.error.message}`)}` : ""}.`, "");
    if (p.commands.length) out.push("Commands sent:", "", mdCodeBlock(p.commands.map((c) => `${argvLine(c.argv)}${c.count ? `   # ×${c.count}` : ""}`).join("\n"), "shell"), "");
    if (p.findings.length) out.push(mdTable(["Finding", "Severity", "Message", "Evidence"], p.findings.map((f) => [f.code, f.severity, f.message, Object.entries(f.evidence).map(([k, v]) => `${k}=${v}`).join(", ")])), "");
    const data = JSON.stringify(p.data, null, 2) ?? "null";
    out.push("Parsed output:", "", mdCodeBlock(data.length > MAX_DATA_CHARS ? `${data.slice(0, MAX_DATA_CHARS)}\n… (${data.length - MAX_DATA_CHARS} more characters in the JSON export)` : data, "json"), "");
  }
  return out;
}

export function renderMarkdown(b: ExportBundle): string {
  const doc = b.postmortem.doc;
  const chosen = b.playbook.rootCauses.find((r) => r.id === b.investigation.rootCauseId);
  const lines: string[] = [
    `# Postmortem: ${mdText(b.investigation.title)}`,
    "",
    mdTable(
      ["Field", "Value"],
      [
        ["Instance", b.instance ? `${b.instance.name} (${b.instance.host}:${b.instance.port}, ${b.instance.mode})` : "deleted"],
        ["Playbook", `${b.playbook.title} (${b.playbook.id})`],
        ["Status", b.investigation.status],
        ["Root cause", chosen?.title ?? "not chosen"],
        ["Started", `${when(b.investigation.createdAt)} by ${b.investigation.createdBy}`],
        ["Exported", `${when(b.generatedAt)} by ${b.generatedBy}${b.redacted ? ", redacted (key names, client addresses and names are tokens)" : ""}`],
      ],
    ),
    "",
    "## Summary",
    "",
    prose(doc.summary),
    "",
    "## Impact",
    "",
    prose(doc.impact),
    "",
    "## Detection",
    "",
    prose(doc.detection.how),
    "",
    `Noticed at: ${when(doc.detection.noticedAt || null)}`,
    "",
    "## Timeline",
    "",
    b.timeline.length
      ? mdTable(["Time (UTC)", "", "What", "Who"], b.timeline.map((e) => [when(e.at), `${e.starred ? "★ " : ""}${e.kind}${e.edited ? " (edited)" : ""}`, e.text, e.who ?? ""]))
      : "_Nothing recorded._",
    "",
    "## Trigger",
    "",
    prose(doc.trigger),
    "",
    ...evidenceSection(b),
    "## Resolution",
    "",
    prose(doc.resolution),
    "",
  ];
  for (const a of b.actions) {
    lines.push(`**${mdText(a.title)}** (${a.risk ?? "fix"}), ${when(a.at)} by ${mdText(a.who)}, ${a.verified ? "verified" : "not verified"}:`, "", mdCodeBlock(a.argv.map(argvLine).join("\n"), "shell"), "");
    if (a.audit.length) lines.push(mdTable(["Audit id", "At", "Actor", "Command", "Outcome"], a.audit.map((x) => [x.id, when(x.at), x.actor, Array.isArray(x.detail.argv) ? argvLine(x.detail.argv as string[]) : "", x.detail.error ? JSON.stringify(x.detail.error) : JSON.stringify(x.detail.reply)])), "");
  }
  lines.push(
    "## Action items",
    "",
    doc.actionItems.length ? mdTable(["Type", "Item", "Owner", "Due", "Done"], doc.actionItems.map((i) => [i.type, i.text, i.owner, i.due, i.done ? "✅ done" : "☐ open"])) : "_None._",
    "",
    "## Lessons",
    "",
    "### What went well",
    "",
    prose(doc.lessons.wentWell),
    "",
    "### What went wrong",
    "",
    prose(doc.lessons.wentWrong),
    "",
    "### Where we got lucky",
    "",
    prose(doc.lessons.lucky),
    "",
    ...stepsAppendix(b),
  );
  if (b.alerts.length) {
    lines.push("## Appendix: alerts in the window", "", mdTable(["Rule", "Severity", "Node", "Fired", "Resolved", "Message"], b.alerts.map((a) => [a.ruleId, a.severity, a.node, when(a.firedAt), when(a.resolvedAt), a.message])), "");
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
