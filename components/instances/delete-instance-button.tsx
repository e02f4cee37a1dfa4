// "Delete" with a Radix AlertDialog: removing an instance drops its settings and stored password.
"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Trash } from "lucide-react";
import { useDeleteInstance } from "@/lib/client/use-instance-mutations";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorPanel } from "@/components/ui/error-panel";

export function DeleteInstanceButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteInstance(id);
  const router = useRouter();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) remove.reset();
      }}
      trigger={
        <Button variant="secondary">
          <Trash aria-hidden className="size-4" />
          Delete
        </Button>
      }
      title={`Delete ${name}?`}
      description={
        <>
          <p>Redline forgets this instance: its settings, its stored password and its connections. Redis itself is not touched.</p>
          <p className="text-muted">You can register it again later.</p>
        </>
      }
      confirmLabel="Delete instance"
      busy={remove.isPending}
      error={remove.isError ? <ErrorPanel error={remove.error} live /> : undefined}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            setOpen(false);
            router.push("/");
          },
        })
      }
    />
  );
}
