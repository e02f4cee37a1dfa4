// "updated 3 s ago", re-rendered every second. Client-only text: it depends on the viewer's clock.
"use client";
import { useEffect, useState } from "react";
import { formatRelative } from "@/lib/client/format";

export function RelativeTime({ at, prefix = "" }: { at: number; prefix?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()} suppressHydrationWarning>
      {prefix}
      {formatRelative(at, Math.max(now, at))}
    </time>
  );
}
