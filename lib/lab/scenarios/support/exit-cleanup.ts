// System state a scenario creates outside its redis-servers (a tmpfs mount, an nftables table)
// must not outlive this Node process either. The lab registry kills processes and removes dirs
// on exit and on SIGINT/SIGTERM (it exits after stopping them); these synchronous undo steps run
// in the same `exit` event, after it.
import "server-only";

const KEY = Symbol.for("redline.lab.exitCleanups");
interface CleanupState {
  steps: Set<() => void>;
  installed: boolean;
}
// On globalThis for the same reason as the registry: vitest may evaluate this module twice.
const store = globalThis as unknown as Record<symbol, CleanupState | undefined>;
const state: CleanupState = (store[KEY] ??= { steps: new Set(), installed: false });

/** Registers a synchronous undo step for process exit; returns a function that unregisters it. */
export function onProcessExit(step: () => void): () => void {
  if (!state.installed) {
    state.installed = true;
    process.on("exit", () => {
      for (const run of [...state.steps]) {
        try {
          run();
        } catch {
          // an exit handler must never throw; the next step still deserves its chance
        }
      }
      state.steps.clear();
    });
  }
  state.steps.add(step);
  return () => void state.steps.delete(step);
}
