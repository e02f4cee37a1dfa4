// Parser for one MONITOR line: `1700000000.123456 [0 127.0.0.1:5555] "GET" "product:1"`.
// Redis writes every argument with sdscatrepr: double quotes, `\\ \" \n \r \t \a \b` escapes and
// `\xHH` for every other unprintable byte, so a line is plain ASCII and never holds a raw newline.
// Arguments come back as bytes (keys may be binary); `argText` renders one for people. Pure.

export interface MonitorLine {
  /** Unix seconds with microseconds. */
  timestamp: number;
  db: number;
  /** `127.0.0.1:5555`, `[::1]:5555`, `unix:/path/redis.sock`, or `lua` for a command a script ran. */
  source: string;
  args: Uint8Array[];
}

const SIMPLE_ESCAPES: Record<string, number> = { "\\": 0x5c, '"': 0x22, n: 0x0a, r: 0x0d, t: 0x09, a: 0x07, b: 0x08 };

/** One quoted argument starting at `start` (the opening quote); undefined when it is not well formed. */
function readArg(line: string, start: number): { bytes: Uint8Array; end: number } | undefined {
  const out: number[] = [];
  let i = start + 1;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"') return { bytes: Uint8Array.from(out), end: i + 1 };
    if (ch !== "\\") {
      out.push(line.charCodeAt(i) & 0xff);
      i++;
      continue;
    }
    const next = line[i + 1];
    if (next === undefined) return undefined;
    if (next === "x") {
      const hex = line.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 4;
      continue;
    }
    const code = SIMPLE_ESCAPES[next];
    if (code === undefined) return undefined;
    out.push(code);
    i += 2;
  }
  return undefined;
}

export function parseMonitorLine(line: string): MonitorLine | undefined {
  const space = line.indexOf(" ");
  if (space <= 0 || line[space + 1] !== "[") return undefined;
  const timestamp = Number(line.slice(0, space));
  if (!Number.isFinite(timestamp)) return undefined;
  // `] "` ends the client part: an IPv6 peer is `[::1]:port`, whose bracket is followed by a colon.
  const close = line.indexOf('] "', space);
  if (close < 0) return undefined;
  const inner = line.slice(space + 2, close);
  const sep = inner.indexOf(" ");
  const db = Number(sep < 0 ? inner : inner.slice(0, sep));
  if (!Number.isInteger(db)) return undefined;
  const source = sep < 0 ? "" : inner.slice(sep + 1);

  const args: Uint8Array[] = [];
  let i = close + 2;
  while (i < line.length) {
    if (line[i] !== '"') return undefined;
    const arg = readArg(line, i);
    if (!arg) return undefined;
    args.push(arg.bytes);
    i = arg.end;
    if (i < line.length) {
      if (line[i] !== " ") return undefined;
      i++;
    }
  }
  return args.length > 0 ? { timestamp, db, source, args } : undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** True when the bytes are UTF-8 text without control characters: shown as is, and sent back as a string. */
export function isPlainText(bytes: Uint8Array): boolean {
  try {
    return !/[\u0000-\u001f\u007f]/.test(utf8.decode(bytes));
  } catch {
    return false;
  }
}

/** Redis's own quoting (without the quotes) for anything else, so two different keys never read alike. */
export function reprBytes(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x22) out += '\\"';
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x07) out += "\\a";
    else if (b === 0x08) out += "\\b";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}

/** How an argument is shown: its text when it is plain UTF-8, otherwise Redis's escaped form. */
export function argText(bytes: Uint8Array): string {
  return isPlainText(bytes) ? utf8.decode(bytes) : reprBytes(bytes);
}
