// A sample that failed is evidence too (DESIGN.md): BUSY points at lua-busy, a refused or silent
// node is unreachable, "max number of clients reached" means the clients are at the limit. Pure.
import type { ProbeError } from "@/lib/probes/types";
import type { Signals } from "./health-signals";

const UNREACHABLE = new Set(["redis_unreachable", "redis_timeout", "redis_auth_failed", "redis_tls_error", "redis_max_clients"]);

export function errorSignals(error: Pick<ProbeError, "code">): Signals {
  const out: Signals = {};
  if (error.code === "redis_busy_script") out["server.busy_script"] = 1;
  if (UNREACHABLE.has(error.code)) out["server.unreachable"] = 1;
  // The server itself said so; Redline's own connection was refused at the limit.
  if (error.code === "redis_max_clients") out["clients.connected_pct_of_max"] = 100;
  return out;
}
