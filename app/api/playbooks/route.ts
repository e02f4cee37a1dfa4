// The playbook catalog: id, title, summary and size of each of the ten playbooks.
import { withApi } from "@/lib/api/with-api";
import { PLAYBOOKS } from "@/lib/playbooks";
import { toPlaybookSummary } from "@/lib/playbooks/playbook-data";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "viewer", handler: async () => ({ playbooks: PLAYBOOKS.map(toPlaybookSummary) }) });
