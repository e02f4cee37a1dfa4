// A command to read or paste into a terminal, with its copy button.
import { cx } from "@/lib/client/cx";
import { CopyButton } from "./copy-button";

export function CodeBlock({ code, label = "Copy command", className }: { code: string; label?: string; className?: string }) {
  return (
    <div className={cx("flex items-start gap-2 rounded-md border border-line bg-canvas py-1 pr-1 pl-3", className)}>
      <pre className="min-w-0 flex-1 overflow-x-auto py-1 text-sm leading-relaxed whitespace-pre-wrap text-fg">
        <code>{code}</code>
      </pre>
      <CopyButton text={code} label={label} />
    </div>
  );
}
