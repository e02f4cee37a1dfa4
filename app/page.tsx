// Fleet page (home): every registered instance with its live health, worst first.
import { FleetView } from "@/components/fleet/fleet-view";
import { requirePageUser } from "@/lib/security/page-user";

export default async function FleetPage() {
  await requirePageUser("viewer", "/");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Fleet</h1>
      <FleetView />
    </div>
  );
}
