// Joins class names, skipping falsy ones (the project has no clsx; this is all it would do here).
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
