// The form a fix needs, read from the JSON Schema of its params: one field per property (number,
// text, choice, or a list the draft fills from the investigation's results). Pure, browser-safe.

export type FixField =
  | { name: string; kind: "integer" | "number"; label: string; required: boolean; min?: number; max?: number; default?: number }
  | { name: string; kind: "text"; label: string; required: boolean; default?: string }
  | { name: string; kind: "choice"; label: string; required: boolean; options: string[]; default?: string }
  /** An array of objects: shown as the draft's suggested list, each entry kept or left out. */
  | { name: string; kind: "list"; label: string; required: boolean };

interface JsonSchemaProp {
  type?: string;
  description?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export function fixFields(schema: { properties?: Record<string, JsonSchemaProp>; required?: string[] }): FixField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]): FixField => {
    const base = { name, label: p.description ?? name, required: required.has(name) && p.default === undefined };
    if (p.enum) return { ...base, kind: "choice", options: p.enum.map(String), ...(p.default !== undefined ? { default: String(p.default) } : {}) };
    if (p.type === "integer" || p.type === "number") {
      // zod's int() brings the safe-integer range along: that is no limit worth showing.
      const bound = (v: number | undefined) => (v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
      const [min, max] = [bound(p.minimum), bound(p.maximum)];
      return {
        ...base,
        kind: p.type,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(typeof p.default === "number" ? { default: p.default } : {}),
      };
    }
    if (p.type === "array") return { ...base, kind: "list" };
    return { ...base, kind: "text", ...(typeof p.default === "string" ? { default: p.default } : {}) };
  });
}
