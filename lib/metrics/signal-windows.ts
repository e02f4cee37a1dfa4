// Windows of the signals the sampler derives from its history. Shared by the derivation, the rule
// messages and the exported Prometheus rules, so "last minute" means the same thing everywhere.

/** Rates behind rules (refused connections, slowlog entries, write rate) are taken over this window. */
export const RATE_WINDOW_SECONDS = 60;

/** Events (full resyncs, a restart that lost keys) count for this long after they happen. */
export const RECENT_WINDOW_SECONDS = 300;
