// One instance: read (never a secret), edit, delete.
import { withApi } from "@/lib/api/with-api";
import { instanceIdSchema, instancePatchSchema } from "@/lib/api/schemas/instance";
import { editInstance, removeInstance, requireInstance } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  schemas: { params: instanceIdSchema },
  handler: async ({ params }) => ({ instance: await requireInstance(params.id) }),
});

export const PATCH = withApi({
  schemas: { params: instanceIdSchema, body: instancePatchSchema },
  handler: async ({ params, body }) => ({ instance: await editInstance(params.id, body) }),
});

export const DELETE = withApi({
  schemas: { params: instanceIdSchema },
  handler: async ({ params }) => {
    await removeInstance(params.id);
    return new Response(null, { status: 204 });
  },
});
