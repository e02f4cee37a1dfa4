// Pure: commands the server refused with MISCONF since it started (INFO errorstats, Redis ≥ 6.2).
// A save that fails now and then leaves rdb_last_bgsave_status ok after the next success; the MISCONF
// count keeps the evidence that writes were refused meanwhile (CORRECTIONS #9).
import type { InfoSnapshot } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { ruleFindings } from "./probe-findings";

export function misconfErrorFindings(info: InfoSnapshot): Finding[] {
  const count = info.errorstats.MISCONF;
  if (count === undefined) return [];
  return ruleFindings(["persistence.misconf-errors"], { "persistence.misconf_errors_total": count }, { count });
}
