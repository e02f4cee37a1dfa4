// Redaction of an export: key names, client addresses (ip:port) and client names become stable
// tokens (key-1, client-addr-2, client-name-3: the same input gets the same token everywhere in one
// export). Two passes over the whole bundle: first collect, from the fields known to hold them
// (probe data, slowlog and fix argv, client rows, finding evidence), every key name, client address
// and client name; then replace them wherever they occur: as whole values, inside free text (finding
// messages, notes, timeline, postmortem), and in object property names. Client addresses are also
// caught by shape in free text, unless they are a known node address of the instance. Pure.
import { keyIndexes } from "@/lib/probes/monitor-keys";

type Kind = "key" | "client-addr" | "client-name";

/** Fields whose string value (or string array) is a key name or a key pattern. */
const KEY_FIELDS = new Set(["key", "keys", "topKey", "bigKey", "hotKey", "largestKey", "keyName", "sampleKey", "keyBase64", "pattern"]);
const ADDR_FIELDS = new Set(["addr", "clientAddr", "client"]);
const NODE_FIELDS = new Set(["node", "address", "laddr"]);
const ARGV_FIELDS = new Set(["argv", "args"]);

/** Subtrees whose shape comes from Redis, not from the export's schema. */
const FREE_FORM_FIELDS = new Set(["data", "reply", "detail", "evidence", "params"]);
/** Fields of the export's own structure whose values are ids or enums, never Redis data. */
const STRUCTURAL_FIELDS = new Set(["id", "kind", "status", "state", "severity", "source", "type", "risk", "action", "code", "probeId", "stepId", "actionId", "ruleId", "findingCode", "rootCauseId", "schemaVersion", "$schema", "startedAt", "at", "createdAt", "updatedAt", "generatedAt"]);

/** ip:port (IPv4 or bracketed IPv6) in free text. */
const ADDRESS_IN_TEXT = /(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5}\b/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Arguments of a command that name keys or key patterns (KEYS pattern, SCAN … MATCH pattern). */
export function keyArgs(argv: readonly unknown[]): string[] {
  if (!argv.every((a) => typeof a === "string")) return [];
  const args = argv as string[];
  const name = (args[0] ?? "").toUpperCase();
  if (name === "KEYS") return args.slice(1, 2);
  if (name === "SCAN" || name === "SSCAN" || name === "HSCAN" || name === "ZSCAN") {
    const out = name === "SCAN" ? [] : args.slice(1, 2);
    const at = args.findIndex((a, i) => i > 1 && a.toUpperCase() === "MATCH");
    return at > 0 && args[at + 1] !== undefined ? [...out, args[at + 1]!] : out;
  }
  return keyIndexes(args).map((i) => args[i]!).filter((a) => a !== undefined);
}

export class Redactor {
  private readonly tokens = new Map<string, string>();
  private readonly counts: Record<Kind, number> = { key: 0, "client-addr": 0, "client-name": 0 };
  private readonly nodes = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(opts: { nodeAddresses?: readonly string[] } = {}) {
    for (const a of opts.nodeAddresses ?? []) this.nodes.add(a);
  }

  private add(kind: Kind, value: string): void {
    if (value === "" || this.tokens.has(value) || this.nodes.has(value)) return;
    this.tokens.set(value, `${kind}-${++this.counts[kind]}`);
    this.pattern = null;
  }

  /** How many distinct values of each kind were replaced. */
  summary(): Record<Kind, number> {
    return { ...this.counts };
  }

  /** Pass one: collects the key names, client addresses and names found in `value`. */
  collect(value: unknown): this {
    this.walk(value, undefined);
    return this;
  }

  private walk(value: unknown, field: string | undefined): void {
    if (Array.isArray(value)) {
      if (field && ARGV_FIELDS.has(field)) for (const k of keyArgs(value)) this.add("key", k);
      // A list of keys or addresses keeps its field; a fix's argv (string[][]) too, one command each.
      const keep = field !== undefined && (KEY_FIELDS.has(field) || ADDR_FIELDS.has(field) || ARGV_FIELDS.has(field));
      for (const v of value) this.walk(v, keep && (!ARGV_FIELDS.has(field!) || Array.isArray(v)) ? field : undefined);
      return;
    }
    if (typeof value === "string") {
      if (!field) return;
      if (KEY_FIELDS.has(field)) this.add("key", value);
      else if (ADDR_FIELDS.has(field)) this.add("client-addr", value);
      else if (field === "clientName") this.add("client-name", value);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const obj = value as Record<string, unknown>;
    for (const f of NODE_FIELDS) if (typeof obj[f] === "string" && f !== "laddr") this.nodes.add(obj[f] as string);
    // A client row (CLIENT LIST): `name` next to `addr` is the client's name.
    if (typeof obj.addr === "string" && typeof obj.name === "string") this.add("client-name", obj.name);
    // Slowlog rows: `key` is argv[1] even for keyless commands (CONFIG GET): trust the argv.
    const argv = Array.isArray(obj.argv) ? (obj.argv as unknown[]) : null;
    for (const [k, v] of Object.entries(obj)) {
      if (k === "key" && argv && typeof v === "string" && !keyArgs(argv).includes(v)) continue;
      this.walk(v, k);
    }
  }

  private regex(): RegExp | null {
    if (this.pattern) return this.pattern;
    const values = [...this.tokens.keys()].sort((a, b) => b.length - a.length);
    if (values.length === 0) return null;
    // Short names only as whole words: a key named "id" must not eat "hidden".
    const alt = values.map((v) => (v.length < 4 ? `(?<![A-Za-z0-9_])${escapeRegExp(v)}(?![A-Za-z0-9_])` : escapeRegExp(v)));
    this.pattern = new RegExp(alt.join("|"), "g");
    return this.pattern;
  }

  /** Replaces collected values inside one string, then any other client address by its shape. */
  text(s: string): string {
    const exact = this.tokens.get(s);
    if (exact) return exact;
    const re = this.regex();
    const replaced = re ? s.replace(re, (m) => this.tokens.get(m) ?? m) : s;
    return replaced.replace(ADDRESS_IN_TEXT, (m) => {
      if (this.nodes.has(m)) return m;
      this.add("client-addr", m);
      return this.tokens.get(m)!;
    });
  }

  /** Pass two: a deep copy of `value` with every collected value replaced. */
  apply<T>(value: T): T {
    return this.map(value, undefined, false) as T;
  }

  /**
   * Outside free-form subtrees (probe data, replies, evidence, params, audit details) property names
   * and enum-like fields are the export's own structure: a key named "probe" or "startedAt" must not
   * turn `kind: "probe"` or a field name into a token.
   */
  private map(value: unknown, field: string | undefined, free: boolean): unknown {
    if (typeof value === "string") return !free && field && STRUCTURAL_FIELDS.has(field) ? value : this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.map(v, field, free));
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [free ? this.text(k) : k, this.map(v, k, free || FREE_FORM_FIELDS.has(k))]),
    );
  }
}

/** Collects from the whole value, then replaces: one call for one export. */
export function redact<T>(value: T, opts: { nodeAddresses?: readonly string[]; alsoKeys?: readonly string[] } = {}): { value: T; summary: Record<Kind, number> } {
  const r = new Redactor(opts);
  for (const k of opts.alsoKeys ?? []) r.collect({ key: k });
  r.collect(value);
  return { value: r.apply(value), summary: r.summary() };
}
