// Starts, stops or resets one lab scenario for a drill; the scenario's instances are (un)registered.
import { z } from "zod";
import { withApi } from "@/lib/api/with-api";
import { audit } from "@/lib/security/audit";
import { listLab, resetLabScenario, startLabScenario, stopLabScenario } from "@/lib/lab/lab-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Large scenarios fill hundreds of MB before they answer.
export const maxDuration = 300;

export const POST = withApi({
  auth: "responder",
  schemas: {
    params: z.object({ scenarioId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a scenario id"), action: z.enum(["start", "stop", "reset"]) }),
    body: z.object({ size: z.enum(["small", "large"]).default("small") }).strict(),
  },
  handler: async ({ params, body, user }) => {
    if (params.action === "start") await startLabScenario(params.scenarioId, body.size);
    else if (params.action === "stop") await stopLabScenario(params.scenarioId);
    else await resetLabScenario(params.scenarioId, body.size);
    await audit(user, `lab.${params.action}` as const, { detail: { scenario: params.scenarioId, size: body.size } });
    return { scenario: (await listLab()).find((s) => s.id === params.scenarioId) };
  },
});
