// The Lab page: incident drills on local redis-server processes. Exists only with REDLINE_LAB=1.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { labEnabled } from "@/lib/lab/lab-service";
import { LabView } from "@/components/lab/lab-view";
import { requirePageUser } from "@/lib/security/page-user";

export const metadata: Metadata = { title: "Lab" };
export const dynamic = "force-dynamic";

export default async function LabPage() {
  await requirePageUser("viewer", "/lab");
  if (!labEnabled()) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Incident lab</h1>
      <LabView />
    </div>
  );
}
