// "2 firing" next to an instance's name in the fleet table.
import { BellRing } from "lucide-react";

export function FiringCountBadge({ count }: { count: number }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-crit/45 bg-crit-soft px-2 py-px text-xs font-semibold whitespace-nowrap text-crit">
      <BellRing aria-hidden className="size-3.5" strokeWidth={2.5} />
      {count} firing
    </span>
  );
}
