// The playbook an alert points at, by name. Text for now: the playbook pages come with the wizard.
import { BookOpen } from "lucide-react";
import { playbookLabel } from "@/lib/client/playbook-for";

export function PlaybookRef({ id }: { id: string | null }) {
  if (!id) return null;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <BookOpen aria-hidden className="size-4 text-accent" />
      Playbook: <strong>{playbookLabel(id)}</strong>
    </span>
  );
}
