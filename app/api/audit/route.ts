// The audit log, newest first, filtered by action (exact, or a prefix ending in "."), actor, instance.
import { withApi } from "@/lib/api/with-api";
import { auditQuerySchema } from "@/lib/api/schemas/auth";
import { auditLog } from "@/lib/security/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "admin",
  schemas: { query: auditQuerySchema },
  handler: async ({ query }) => ({ entries: await auditLog(query) }),
});
