// The timeline of an investigation as the API, the page and the exports share it. Generated entries
// have a stable key derived from their source (a step record, an alert, a marker), so a star or an
// edit stored against the key survives regeneration. Pure types: safe in the browser.

export const TIMELINE_KINDS = [
  "started",
  "probe",
  "finding",
  "fix",
  "note",
  "status",
  "root-cause",
  "alert-fired",
  "alert-resolved",
  "restart",
  "failover",
  "role-change",
  "manual",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** Stable: `step:<record id>`, `finding:<record id>:<code>`, `alert:<id>:fired`, `manual:<uuid>`… */
  id: string;
  /** ISO time; the edited time when someone changed it. */
  at: string;
  kind: TimelineKind;
  /** One line a reader understands; the edited text when someone changed it. */
  text: string;
  /** Commands sent (probe runs, fixes): shown as code. */
  commands?: string[][];
  severity?: "ok" | "info" | "warning" | "critical";
  who?: string;
  starred: boolean;
  /** Text or time changed by a person. */
  edited: boolean;
  manual: boolean;
  /** The generated text and time before an edit, so the page can show what changed. */
  original?: { at: string; text: string };
}
