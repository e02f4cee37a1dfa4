// How far back triage looks for events. An engineer opens triage some minutes after the page, so
// these are wider than the sampler's rule windows (signal-windows.ts), which decide alerts.

/** Failovers, role changes and restarts in the sampler's markers count for this long. */
export const EVENT_WINDOW_SECONDS = 30 * 60;

/** A server up for less than this, found with nothing loaded, restarted "recently" for live-only triage. */
export const RESTART_RECENT_SECONDS = 60 * 60;
