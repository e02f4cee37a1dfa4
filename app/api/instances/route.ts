// GET: the fleet, each instance with its current health. POST: register an instance.
import { withApi } from "@/lib/api/with-api";
import { instanceInputSchema } from "@/lib/api/schemas/instance";
import { fleet, registerInstance } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  handler: async () => ({ instances: await fleet() }),
});

export const POST = withApi({
  schemas: { body: instanceInputSchema },
  status: 201,
  handler: async ({ body }) => ({ instance: await registerInstance(body) }),
});
