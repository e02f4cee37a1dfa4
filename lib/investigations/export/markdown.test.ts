import { describe, expect, it } from "vitest";
import { CLIENT_ADDR, HOSTILE_KEY, PLAIN_KEY, fixtureBundleInput } from "@/lib/testing/investigation-fixture";
import { assembleBundle } from "./assemble-bundle";
import { renderMarkdown } from "./markdown";
import { mdCode, mdCodeBlock, mdTable, mdText } from "./md-escape";
import { redact } from "./redact";

describe("markdown escaping", () => {
  it("keeps a table row one row whatever the cell holds", () => {
    const t = mdTable(["a", "b"], [["x|y", "line1\nline2 `tick` <b>"]]);
    expect(t.split("\n")).toHaveLength(3);
    expect(t.split("\n")[2]).toBe("| x\\|y | line1<br>line2 \\`tick\\` &lt;b&gt; |");
    expect(mdText("*a* _b_ [c]")).toBe("\\*a\\* \\_b\\_ \\[c\\]");
  });

  it("fences code longer than any backtick run inside", () => {
    expect(mdCodeBlock("GET a```b")).toBe("````\nGET a```b\n````");
    expect(mdCode("a`b")).toBe("``a`b``");
    expect(mdCode("`x")).toBe("`` `x ``");
  });
});

describe("markdown postmortem", () => {
  const b = assembleBundle(fixtureBundleInput());
  const md = renderMarkdown(b);

  it("has every section, the timeline and the evidence as tables, commands as code blocks", () => {
    for (const h of ["# Postmortem: ", "## Summary", "## Impact", "## Detection", "## Timeline", "## Trigger", "## Root cause", "### Evidence", "## Resolution", "## Action items", "## Lessons", "### Where we got lucky", "## Appendix: evidence, step by step"]) {
      expect(md).toContain(h);
    }
    expect(md).toMatch(/\| slowlog\.keys-command \| critical \| KEYS session:\\\* from nightly\\`job\\\|7/);
    expect(md).toContain("```shell\nSLOWLOG GET 64\n```");
    expect(md).toContain("```shell\nCLIENT KILL ADDR 10.20.30.40:51515\n```");
    expect(md).toContain("| prevent | ");
    expect(md).toMatch(/\| 2026-03-01 02:10:00 UTC \| 1 \| 2026-02-28 01:58:00 UTC|Audit id/);
    expect(md).toContain("★ manual");
  });

  it("never lets a hostile key name break a table row or a code block", () => {
    // Every table row starts and ends with a pipe: no cell spilled onto a new line.
    const lines = md.split("\n");
    let fence: string | null = null;
    for (const line of lines) {
      const f = /^(`{3,})/.exec(line)?.[1];
      if (f && (fence === null || f === fence)) {
        fence = fence === null ? f : null;
        continue;
      }
      if (fence === null && line.startsWith("|")) expect(line.endsWith("|")).toBe(true);
    }
    expect(fence).toBeNull();
    // Inside a table, the hostile key is escaped; in code, it is JSON-quoted on one line.
    expect(md).toContain("sess\\|ion\\`x<br>malicious");
    expect(md).toContain(JSON.stringify(HOSTILE_KEY));
  });

  it("redacted, holds no key name, client address or client name", () => {
    const red = renderMarkdown({ ...redact(b).value, redacted: true });
    for (const s of [PLAIN_KEY, "session:*", "session:\\*", "malicious", CLIENT_ADDR, "nightly", "10.20.30.41"]) expect(red).not.toContain(s);
    expect(red).toContain("key-1");
    expect(red).toContain("redacted");
  });
});
