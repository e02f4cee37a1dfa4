"use client";
// Starts an investigation of an instance with a playbook and opens it. For the instance page and
// the triage list (placed by the lead).
import { useRouter } from "next/navigation";
import { ClipboardList } from "lucide-react";
import { useStartInvestigation } from "@/lib/client/use-investigation";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useCan } from "@/components/auth/role-provider";

interface Props {
  instanceId: string;
  playbookId: string;
  label?: string;
  size?: "sm" | "md";
  variant?: "primary" | "secondary";
}

export function StartInvestigationButton({ instanceId, playbookId, label = "Start investigation", size = "sm", variant = "primary" }: Props) {
  const router = useRouter();
  const start = useStartInvestigation();
  // Starting an investigation is a responder's job; viewers follow it once it exists.
  if (!useCan("responder")) return null;
  return (
    <div className="space-y-2">
      <Button
        size={size}
        variant={variant}
        busy={start.isPending || start.isSuccess}
        onClick={() => start.mutate({ instanceId, playbookId }, { onSuccess: (inv) => router.push(`/investigations/${inv.id}`) })}
      >
        {!start.isPending && <ClipboardList aria-hidden className="size-4" />}
        {label}
      </Button>
      {start.isError && <ErrorPanel error={start.error} title="The investigation was not started" />}
    </div>
  );
}
