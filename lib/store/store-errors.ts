// Recognises a store that cannot be reached right now (PostgreSQL restarting or down, SQLite locked
// or out of disk) so the API answers 503 `store_unavailable` instead of a bare 500. Pure, unit-tested.

/** SQLSTATE classes and codes meaning "the database is not available", not "your query is wrong". */
const PG_UNAVAILABLE = /^(08|57P0[1-3]|53)/; // connection exceptions, admin/crash shutdown, cannot connect now, out of resources
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;
// The pg driver's own messages when the socket is gone or never came up.
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|connect ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down|in recovery mode)/i;

export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (PG_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET")) return true;
    if (e instanceof Error && DRIVER_MESSAGES.test(e.message)) return true;
    // AggregateError (Node's happy-eyeballs connect) carries the reasons inside.
    if (e instanceof AggregateError && e.errors.some((x) => isStoreUnavailable(x))) return true;
  }
  return false;
}
