// The team lead's view: open investigations, incidents by playbook per week, prevention items still
// open per instance, and alerting coverage.
import { withApi } from "@/lib/api/with-api";
import { loadTeamView } from "@/lib/investigations/team-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  handler: async () => ({ team: await loadTeamView() }),
});
