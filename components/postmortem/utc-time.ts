// UTC times for the timeline and postmortem forms: everything a postmortem says is in UTC, so the
// inputs are too (datetime-local holds no zone; the label says UTC).
export const toUtcInput = (iso: string) => (iso ? iso.slice(0, 19) : "");
export const fromUtcInput = (v: string) => (v ? new Date(`${v.length === 16 ? `${v}:00` : v}Z`).toISOString() : "");
export const utcLabel = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
