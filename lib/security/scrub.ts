// Last line of defence: removes known secret values from any text leaving the server (errors, logs).
// Secrets register themselves when they are opened; the scrubber replaces them wherever they appear.
const known = new Set<string>();

export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; they are still never sent on purpose.
  if (value && value.length >= 4) known.add(value);
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join("[redacted]");
  return out;
}
