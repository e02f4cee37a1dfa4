// Edit an instance's settings. The server reads them directly (no secret is ever included).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceForm } from "@/components/instances/instance-form";
import { loadInstanceOrNotFound } from "@/lib/instances/load-instance";
import { requirePageUser } from "@/lib/security/page-user";

export const metadata: Metadata = { title: "Edit instance" };

export default async function EditInstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("admin", `/instances/${id}/edit`);
  const instance = await loadInstanceOrNotFound(id);
  if (!instance) notFound();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">
          Edit <span className="font-mono">{instance.name}</span>
        </h1>
        <p className="text-muted">Changes apply to the next health read and probe. Leave the password empty to keep the stored one.</p>
      </div>
      <InstanceForm instance={instance} />
    </div>
  );
}
