// Investigation page: loads the investigation, its instance and playbook on the server; the wizard
// (client) runs steps, saves notes, status and the root cause; below it, the timeline, the
// postmortem document and the exports.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/problem";
import { loadInvestigation } from "@/lib/investigations/investigation-service";
import { fixPreview } from "@/lib/investigations/fix-preview";
import type { InvestigationDetail } from "@/lib/investigations/types";
import { loadInstanceOrNotFound } from "@/lib/instances/load-instance";
import { getPlaybook } from "@/lib/playbooks";
import { toPlaybookDocument } from "@/lib/playbooks/playbook-data";
import { InvestigationWizard } from "@/components/investigations/investigation-wizard";
import { PostmortemSection } from "@/components/postmortem/postmortem-section";
import { currentUser, requirePageUser } from "@/lib/security/page-user";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(id: string): Promise<InvestigationDetail | null> {
  if (!UUID.test(id)) return null;
  try {
    return await loadInvestigation(id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await currentUser())) return {};
  const inv = await load((await params).id);
  return { title: inv?.title ?? "Investigation not found" };
}

export default async function InvestigationPage({ params }: Props) {
  const { id } = await params;
  await requirePageUser("viewer", `/investigations/${id}`);
  const inv = await load(id);
  const playbook = inv && getPlaybook(inv.playbookId);
  if (!inv || !playbook) notFound();
  const instance = await loadInstanceOrNotFound(inv.instanceId);
  const { fixes: _fixes, ...doc } = toPlaybookDocument(playbook);
  return (
    <div className="space-y-8">
      <InvestigationWizard
        initial={inv}
        instance={{ id: inv.instanceId, name: instance?.name ?? "(deleted instance)", allowRemediation: instance?.allowRemediation ?? false }}
        playbook={doc}
        fixes={playbook.fixes.map(fixPreview)}
      />
      <PostmortemSection initial={inv} />
    </div>
  );
}
