// Audit log page (admin): who did what, when, to which instance; filtered by action and actor.
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/security/page-user";
import { auditLog } from "@/lib/security/audit";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<{ action?: string; actor?: string; instanceId?: string }> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePageUser("admin", "/audit");
  const q = await searchParams;
  const entries = await auditLog({ action: q.action || undefined, actor: q.actor || undefined, instanceId: q.instanceId || undefined, limit: 200 });
  const input = "rounded-md border border-line-strong bg-canvas px-3 py-1.5";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit log</h1>
      {/* A plain GET form: filters live in the URL, so a filtered view can be linked. */}
      <form className="flex flex-wrap items-end gap-3" method="get">
        <label className="space-y-1 text-sm">
          <span className="block font-semibold">Action</span>
          <input name="action" defaultValue={q.action} placeholder="auth. or instance.create" className={input} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-semibold">Actor</span>
          <input name="actor" defaultValue={q.actor} className={input} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-semibold">Instance id</span>
          <input name="instanceId" defaultValue={q.instanceId} className={input} />
        </label>
        <button type="submit" className="rounded-md border border-line-strong px-3 py-1.5 font-semibold">
          Filter
        </button>
      </form>
      <AuditTable entries={entries} />
    </div>
  );
}
