// Refresh cadence of live data. The server shares one health read for 1.5 s across callers, so
// polling every 5 s costs each instance at most one INFO round per 5 s per open tab.
export const LIVE_REFRESH_MS = 5_000;
/** Slightly under the interval: a remount inside it reuses the cache instead of refetching. */
export const LIVE_STALE_MS = 4_000;
/** The probe catalog only changes with a deploy. */
export const CATALOG_STALE_MS = 10 * 60_000;
