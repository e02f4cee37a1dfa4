// Register an instance.
import type { Metadata } from "next";
import { InstanceForm } from "@/components/instances/instance-form";
import { requirePageUser } from "@/lib/security/page-user";

export const metadata: Metadata = { title: "Register instance" };

export default async function NewInstancePage() {
  await requirePageUser("admin", "/instances/new");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Register instance</h1>
        <p className="text-muted">Redline connects with these settings to read health and run read-only probes. Test the connection before saving.</p>
      </div>
      <InstanceForm />
    </div>
  );
}
