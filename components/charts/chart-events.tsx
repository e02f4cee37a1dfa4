// The events behind the dotted markers, in words: what happened, when, on which node, and the
// detail that matters at 3 a.m. (a restart that went from 5,000 keys to 0 lost its data).
import { Flag } from "lucide-react";
import type { Marker } from "@/lib/metrics/marker";
import { markerText } from "@/lib/client/chart-annotations";

export function ChartEvents({ markers, spanMs, title }: { markers: readonly Marker[]; spanMs: number; title?: string }) {
  if (markers.length === 0) return null;
  return (
    <div className="text-sm">
      {title && <p className="font-semibold">{title}</p>}
      <ul aria-label="Events" className="space-y-0.5">
        {markers.map((m, i) => (
          <li key={`${m.t}-${m.node}-${i}`} className="flex items-start gap-1.5">
            <Flag aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            <span>{markerText(m, spanMs)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
