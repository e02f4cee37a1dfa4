// Markdown escaping that survives GitHub and Confluence: table cells (pipes, newlines, HTML),
// code spans and fenced blocks whose fence is longer than any backtick run inside (a key name with
// backticks cannot close the block early). Pure.

/** Text for a table cell or a paragraph: markdown punctuation escaped, newlines as <br>. */
export function mdText(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[\\`*_[\]<>|#]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`))
    .replace(/\n/g, "<br>");
}

export const mdCell = (v: unknown): string => (v === null || v === undefined || v === "" ? "–" : mdText(String(v)));

export function mdTable(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head.map(mdText)), line(head.map(() => "---")), ...rows.map((r) => line(r.map(mdCell)))].join("\n");
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** A fenced code block: the fence is one backtick longer than the longest run in the content. */
export function mdCodeBlock(content: string, lang = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(content, "`") + 1));
  return `${fence}${lang}\n${content.replace(/\r\n?/g, "\n")}\n${fence}`;
}

/** An inline code span outside tables: newlines folded, fence longer than any run inside. */
export function mdCode(s: string): string {
  const one = s.replace(/\r?\n/g, "␤");
  const fence = "`".repeat(longestRun(one, "`") + 1);
  const pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
  return `${fence}${pad}${one}${pad}${fence}`;
}
