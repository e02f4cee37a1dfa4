// Current health of one instance: per-node snapshot, findings from the rule table, status.
import { z } from "zod";
import { withApi } from "@/lib/api/with-api";
import { instanceIdSchema } from "@/lib/api/schemas/instance";
import { instanceHealth } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: instanceIdSchema, query: z.object({ fresh: z.enum(["0", "1"]).optional() }) },
  handler: async ({ params, query }) => ({ health: await instanceHealth(params.id, query.fresh === "1") }),
});
