// Instance page: reads the instance's settings on the server (fast, no Redis round trip), then the
// client components fetch live health and run probes.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceView } from "@/components/instances/instance-view";
import { loadInstanceOrNotFound } from "@/lib/instances/load-instance";
import { currentUser, requirePageUser } from "@/lib/security/page-user";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // Not even an instance name for someone who is not signed in.
  if (!(await currentUser())) return {};
  const instance = await loadInstanceOrNotFound((await params).id);
  return { title: instance?.name ?? "Instance not found" };
}

export default async function InstancePage({ params }: Props) {
  const { id } = await params;
  await requirePageUser("viewer", `/instances/${id}`);
  const instance = await loadInstanceOrNotFound(id);
  if (!instance) notFound();
  return <InstanceView initial={instance} />;
}
