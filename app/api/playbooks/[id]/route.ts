// One playbook as data (no detect function; fix parameters as JSON Schema), or a 404 problem.
import { z } from "zod";
import { ApiError } from "@/lib/api/problem";
import { withApi } from "@/lib/api/with-api";
import { getPlaybook } from "@/lib/playbooks";
import { toPlaybookDocument } from "@/lib/playbooks/playbook-data";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a playbook id") }) },
  handler: async ({ params }) => {
    const playbook = getPlaybook(params.id);
    if (!playbook) throw new ApiError("not_found", `No playbook named ${params.id}`);
    return { playbook: toPlaybookDocument(playbook) };
  },
});
