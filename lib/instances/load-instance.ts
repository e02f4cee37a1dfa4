// Server-side lookup for instance pages: the instance, or null when the id is unknown or malformed
// (the page then renders not-found). Any other failure propagates to error.tsx.
import "server-only";
import { ApiError } from "@/lib/api/problem";
import { requireInstance } from "@/lib/instances/instance-service";
import type { InstancePublic } from "@/lib/api/schemas/instance";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadInstanceOrNotFound(id: string): Promise<InstancePublic | null> {
  if (!UUID.test(id)) return null;
  try {
    return await requireInstance(id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") return null;
    throw err;
  }
}
