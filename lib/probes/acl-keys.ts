// Which ACL users may run a command, read from `ACL LIST`. Rules apply left to right (`+@all -keys`
// denies KEYS, `-keys +@all` allows it again); a selector `( … )` (Redis 7) is a second permission set
// that also grants what it allows. The runtime fix for KEYS is one of these rules (`ACL SETUSER
// <user> -keys`), not `CONFIG SET rename-command`, which Redis rejects (CORRECTIONS #7). Pure.

export interface AclUser {
  name: string;
  enabled: boolean;
  /** Root permission rules, in order. */
  rules: string[];
  /** Each selector's rules, in order. */
  selectors: string[][];
}

/** Splits one `ACL LIST` line into root tokens and parenthesized selectors. */
export function parseAclUser(line: string): AclUser | undefined {
  const m = /^user (\S+)\s*(.*)$/.exec(line.trim());
  if (!m) return undefined;
  const rules: string[] = [];
  const selectors: string[][] = [];
  for (const part of m[2]!.match(/\([^)]*\)|\S+/g) ?? []) {
    if (part.startsWith("(")) selectors.push(part.slice(1, -1).trim().split(/\s+/).filter(Boolean));
    else rules.push(part);
  }
  return { name: m[1]!, enabled: rules.includes("on") && !rules.slice(rules.lastIndexOf("on")).includes("off"), rules, selectors };
}

export function parseAclList(lines: readonly string[]): AclUser[] {
  return lines.flatMap((l) => parseAclUser(l) ?? []);
}

/**
 * Whether these rules end up allowing `command` (lowercase), whose ACL categories are `categories`
 * (as COMMAND INFO reports them, with or without `@`). Returns the rule that decided it.
 */
export function ruleAllowing(rules: readonly string[], command: string, categories: readonly string[]): { allowed: boolean; by: string | null } {
  const cats = new Set(categories.map((c) => c.replace(/^@/, "").toLowerCase()));
  let allowed = false;
  let by: string | null = null;
  for (const raw of rules) {
    const rule = raw.toLowerCase();
    const sign = rule[0];
    let applies = false;
    if (rule === "allcommands" || rule === "nocommands" || rule === "reset") applies = true;
    else if ((sign === "+" || sign === "-") && rule.length > 1) {
      const target = rule.slice(1);
      applies = target === "@all" || target === command || (target.startsWith("@") && cats.has(target.slice(1)));
    }
    if (!applies) continue;
    allowed = rule === "allcommands" || sign === "+";
    by = raw;
  }
  return { allowed, by };
}

export interface AclAllowRow {
  user: string;
  enabled: boolean;
  /** The rule that grants it, e.g. `+@all`, or `(+keys)` for a selector. */
  via: string;
}

export function usersAllowed(users: readonly AclUser[], command: string, categories: readonly string[]): AclAllowRow[] {
  const out: AclAllowRow[] = [];
  for (const u of users) {
    const root = ruleAllowing(u.rules, command, categories);
    if (root.allowed) {
      out.push({ user: u.name, enabled: u.enabled, via: root.by ?? "" });
      continue;
    }
    for (const sel of u.selectors) {
      const s = ruleAllowing(sel, command, categories);
      if (s.allowed) {
        out.push({ user: u.name, enabled: u.enabled, via: `(${s.by})` });
        break;
      }
    }
  }
  return out;
}
