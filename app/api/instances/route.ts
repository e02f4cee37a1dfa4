// GET: the fleet, each instance with its current health. POST: register an instance.
import { withApi } from "@/lib/api/with-api";
import { audit } from "@/lib/security/audit";
import { instanceInputSchema } from "@/lib/api/schemas/instance";
import { fleet, registerInstance } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  handler: async () => ({ instances: await fleet() }),
});

export const POST = withApi({
  auth: "admin",
  schemas: { body: instanceInputSchema },
  status: 201,
  handler: async ({ body, user }) => {
    const instance = await registerInstance(body);
    await audit(user, "instance.create", { instanceId: instance.id, detail: { name: instance.name, host: instance.host, port: instance.port } });
    return { instance };
  },
});
