// 404: say what was not found and offer the way back to the fleet.
import { FileQuestionMark } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="sr-only">Not found</h1>
      <EmptyState icon={FileQuestionMark} title="Nothing here" actions={<ButtonLink href="/" variant="primary">Back to the fleet</ButtonLink>}>
        <p>This page or instance does not exist. It may have been deleted, or the link is mistyped.</p>
      </EmptyState>
    </div>
  );
}
