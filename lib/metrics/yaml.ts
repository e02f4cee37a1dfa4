// A minimal YAML writer for plain data (objects, arrays, strings, numbers, booleans, null). Strings
// are written as JSON strings, which are valid YAML double-quoted scalars, so no value can change
// meaning (PromQL with `:`, `{`, `#`, quotes…). Pure.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

function scalar(v: string | number | boolean | null): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`YAML: ${v} is not a finite number`);
  return String(v);
}

const isScalar = (v: YamlValue): v is string | number | boolean | null => v === null || typeof v !== "object";
const safeKey = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k));

function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => {
      if (isScalar(item) || (Array.isArray(item) && item.length === 0)) return lines(item, `${indent}- `);
      const [first, ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first!.slice(indent.length + 2)}`, ...rest];
    });
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as Array<[string, YamlValue]>;
  if (entries.length === 0) return [`${indent}{}`];
  return entries.flatMap(([k, v]) => {
    const empty = (Array.isArray(v) && v.length === 0) || (!isScalar(v) && !Array.isArray(v) && Object.keys(v).length === 0);
    if (isScalar(v) || empty) return [`${indent}${safeKey(k)}: ${isScalar(v) ? scalar(v) : Array.isArray(v) ? "[]" : "{}"}`];
    return [`${indent}${safeKey(k)}:`, ...lines(v, `${indent}  `)];
  });
}

export function toYaml(value: YamlValue): string {
  return lines(value, "").join("\n") + "\n";
}
