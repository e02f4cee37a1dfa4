// Team lead's page: where the fleet stands (open investigations, incidents over time, prevention
// still open, alerting coverage). Data comes live from GET /api/team.
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/security/page-user";
import { TeamViewPage } from "@/components/team/team-view";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  await requirePageUser("viewer", "/team");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Team view</h1>
      <TeamViewPage />
    </div>
  );
}
