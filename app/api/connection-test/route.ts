// "Test connection" from the registration form: connects with the given settings, saves nothing.
// With `instanceId`, a password left empty means "the one already stored" (edit form).
import { z } from "zod";
import { withApi } from "@/lib/api/with-api";
import { audit } from "@/lib/security/audit";
import { instanceInputSchema } from "@/lib/api/schemas/instance";
import { configFromInput, testConnection } from "@/lib/instances/test-connection";
import { requireConnectionConfig } from "@/lib/instances/instance-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ instance: instanceInputSchema, instanceId: z.string().uuid().optional() }).strict();

export const POST = withApi({
  // Admin: it makes the server connect anywhere with any credentials, like registering does.
  auth: "admin",
  schemas: { body },
  handler: async ({ body, user }) => {
    const config = configFromInput(body.instance);
    if (body.instanceId && body.instance.password === undefined) {
      const stored = await requireConnectionConfig(body.instanceId);
      config.password = stored.password;
      if (body.instance.tls.enabled && !body.instance.tls.ca) config.tls = { ...config.tls, ca: stored.tls.ca };
    }
    const result = await testConnection(config);
    await audit(user, "instance.connection-test", { instanceId: body.instanceId, detail: { host: config.host, port: config.port, ok: result.ok } });
    return { result };
  },
});
