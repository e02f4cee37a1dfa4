// "firing for 5 min 2 s", ticking every second while the alert is open; "lasted 3 min" once resolved.
"use client";
import { useEffect, useState } from "react";
import type { AlertView } from "@/lib/client/types";
import { alertDurationMs, durationWords } from "@/lib/client/alert-view";
import { formatDuration } from "@/lib/client/format";

export function AlertDuration({ alert }: { alert: AlertView }) {
  const [now, setNow] = useState(() => Date.now());
  const open = alert.state !== "resolved";
  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [open]);
  return (
    <span className="whitespace-nowrap" suppressHydrationWarning>
      {durationWords(alert)} <span className="font-semibold tabular">{formatDuration(alertDurationMs(alert, now) / 1000)}</span>
    </span>
  );
}
