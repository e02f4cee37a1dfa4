// Commands that watch traffic over a window at a cost to the server. Like MONITOR they are sent only
// when the user explicitly asked for such a window (CommandRunner `allowMonitor`); the command
// policy still calls them mutating, so no ordinary probe can send them. Pure.

/** HOTKEYS (Redis ≥ 8.6) runs a server-side tracking session: START/STOP/RESET change server state. */
const OBSERVATION: Record<string, Set<string>> = {
  HOTKEYS: new Set(["START", "STOP", "GET", "RESET"]),
};

export function isObservationCommand(argv: readonly string[]): boolean {
  const subs = OBSERVATION[(argv[0] ?? "").toUpperCase()];
  return subs !== undefined && subs.has((argv[1] ?? "").toUpperCase());
}
