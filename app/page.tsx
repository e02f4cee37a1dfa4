// Fleet page (home): every registered instance with its live health, worst first.
import { FleetView } from "@/components/fleet/fleet-view";

export default function FleetPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Fleet</h1>
      <FleetView />
    </div>
  );
}
