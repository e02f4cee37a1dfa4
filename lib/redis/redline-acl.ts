// The least-privilege ACL user suggested for Redline on an instance: read-only key access for the
// scans, exactly the commands its probes send (from the command policy), and, separately, the few
// commands the guarded fixes need, for teams that let Redline remediate. Pure.
import { probeAclRules } from "./command-policy";

/** What the guarded fixes send (playbooks' argv): granted only where remediation is allowed. */
export const FIX_ACL_RULES = ["+script|kill", "+function|kill", "+client|kill", "+config|set", "+config|rewrite", "+bgsave", "+bgrewriteaof", "+unlink", "+expire", "+acl|setuser", "+monitor"];

export function suggestedAclCommands(username = "redline"): { probes: string; fixes: string } {
  return {
    // %R~* : read-only access to every key (SCAN, TYPE, MEMORY USAGE, OBJECT FREQ); no channels.
    probes: `ACL SETUSER ${username} on >CHANGE-ME resetkeys %R~* resetchannels -@all ${probeAclRules().join(" ")}`,
    fixes: `ACL SETUSER ${username} ${FIX_ACL_RULES.join(" ")}   # only if Redline may remediate; MONITOR only for the hot-key window`,
  };
}

/** A harmless argv per rule for ACL DRYRUN: the permission is checked, nothing runs. */
export function dryRunArgv(rule: string): string[] {
  const [cmd, sub] = rule.slice(1).toUpperCase().split("|") as [string, string | undefined];
  const KEYED = new Set(["TYPE", "TTL", "PTTL", "EXISTS", "STRLEN", "HLEN", "LLEN", "SCARD", "ZCARD", "XLEN", "PFCOUNT"]);
  if (KEYED.has(cmd)) return [cmd, "redline:dryrun"];
  if (["HSCAN", "SSCAN", "ZSCAN"].includes(cmd)) return [cmd, "redline:dryrun", "0"];
  if (cmd === "SCAN") return ["SCAN", "0", "COUNT", "10"];
  if (cmd === "SELECT") return ["SELECT", "0"];
  if (cmd === "ECHO") return ["ECHO", "redline"];
  if (!sub) return [cmd];
  const extra: Record<string, string[]> = {
    "CONFIG GET": ["maxclients"],
    "CLIENT SETNAME": ["redline:probe"],
    "CLIENT NO-EVICT": ["on"],
    "MEMORY USAGE": ["redline:dryrun"],
    "OBJECT FREQ": ["redline:dryrun"],
    "OBJECT ENCODING": ["redline:dryrun"],
    "OBJECT IDLETIME": ["redline:dryrun"],
    "OBJECT REFCOUNT": ["redline:dryrun"],
    "SLOWLOG GET": ["10"],
    "LATENCY HISTORY": ["command"],
    "CLUSTER KEYSLOT": ["redline:dryrun"],
    "CLUSTER COUNTKEYSINSLOT": ["0"],
    "ACL GETUSER": ["default"],
    "ACL DRYRUN": ["default", "PING"],
    "SCRIPT EXISTS": ["0000000000000000000000000000000000000000"],
    "COMMAND INFO": ["get"],
    "COMMAND DOCS": ["get"],
  };
  return [cmd, sub, ...(extra[`${cmd} ${sub}`] ?? [])];
}
