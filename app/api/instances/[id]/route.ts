// One instance: read (never a secret), edit, delete.
import { withApi } from "@/lib/api/with-api";
import { audit } from "@/lib/security/audit";
import { instanceIdSchema, instancePatchSchema } from "@/lib/api/schemas/instance";
import { editInstance, removeInstance, requireInstance } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: instanceIdSchema },
  handler: async ({ params }) => ({ instance: await requireInstance(params.id) }),
});

export const PATCH = withApi({
  auth: "admin",
  schemas: { params: instanceIdSchema, body: instancePatchSchema },
  handler: async ({ params, body, user }) => {
    const instance = await editInstance(params.id, body);
    await audit(user, "instance.edit", { instanceId: params.id, detail: { name: instance.name, fields: Object.keys(body) } });
    return { instance };
  },
});

export const DELETE = withApi({
  auth: "admin",
  schemas: { params: instanceIdSchema },
  handler: async ({ params, user }) => {
    await removeInstance(params.id);
    await audit(user, "instance.delete", { instanceId: params.id });
    return new Response(null, { status: 204 });
  },
});
