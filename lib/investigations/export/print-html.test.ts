import { describe, expect, it } from "vitest";
import { HOSTILE_KEY, fixtureBundleInput } from "@/lib/testing/investigation-fixture";
import { assembleBundle } from "./assemble-bundle";
import { renderPrintHtml } from "./print-html";
import { svgChart } from "./svg-chart";

describe("print view", () => {
  const b = assembleBundle(fixtureBundleInput());
  b.postmortem.doc.summary = `<script>alert(1)</script> ${HOSTILE_KEY}`;

  it("is self-contained, escapes everything, and has every section", () => {
    const html = renderPrintHtml(b, []);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    for (const h of ["Summary", "Impact", "Detection", "Timeline", "Trigger", "Root cause", "Resolution", "Action items", "Lessons"]) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain("sess|ion`x\nmalicious");
  });

  it("draws charts as inline SVG with markers and threshold lines", () => {
    const from = Date.parse("2026-03-01T02:00:00Z");
    const svg = svgChart({ title: "PING <p99>", unit: "ms", points: [[from, 1], [from + 60_000, 250], [from + 120_000, null]], from, to: from + 120_000, thresholds: [{ value: 100, severity: "critical" }], events: [{ t: from + 30_000, label: "restart" }] });
    expect(svg).toMatch(/^<figure><svg [^>]*role="img"/);
    expect(svg).toContain('<path d="M');
    expect(svg).toContain('stroke="#c62828" stroke-dasharray');
    expect(svg).toContain(">restart</text>");
    expect(svg).toContain("PING &lt;p99&gt; (ms), 2 samples");
    expect(svg).toContain("02:01:00 UTC");
    expect(renderPrintHtml(b, [{ title: "x", unit: "ms", points: [], from, to: from + 1 }])).toContain("No samples in this window");
  });
});
