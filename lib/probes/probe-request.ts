// A probe run request as both run routes take it (plain JSON and streamed): the path parameters,
// the body checked against the probe's own parameter schema, and the instance's connection config.
import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/problem";
import { fieldErrors } from "@/lib/api/with-api";
import { requireConnectionConfig } from "@/lib/instances/instance-service";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { requireRole } from "@/lib/security/authorize";
import { roleForProbeCost } from "@/lib/security/roles";
import { audit } from "@/lib/security/audit";
import type { Caller } from "@/lib/security/caller";
import { getProbe, type AnyProbe } from "./registry";

export const probeRunSchemas = {
  params: z.object({ id: z.string().uuid("Not an instance id"), probeId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a probe id") }),
  body: z.record(z.string(), z.unknown()),
};

export interface ProbeRun {
  probe: AnyProbe;
  params: unknown;
  config: InstanceConnectionConfig;
}

/**
 * Throws ApiError not_found (probe or instance), forbidden (a viewer asking for a probe that scans or
 * samples) or invalid_params (with the fields), as problem+json. Runs that load the instance are audited.
 */
export async function resolveProbeRun(path: { id: string; probeId: string }, body: Record<string, unknown>, user: Caller): Promise<ProbeRun> {
  const probe = getProbe(path.probeId);
  if (!probe) throw new ApiError("not_found", `No probe named ${path.probeId}`);
  requireRole(user, roleForProbeCost(probe.cost));
  const parsed = probe.params.safeParse(body);
  if (!parsed.success) throw new ApiError("invalid_params", "Invalid probe parameters", fieldErrors(parsed.error));
  const config = await requireConnectionConfig(path.id);
  if (probe.cost !== "O(1)") await audit(user, "probe.run", { instanceId: path.id, detail: { probe: probe.id, cost: probe.cost, params: parsed.data } });
  return { probe, params: parsed.data, config };
}
