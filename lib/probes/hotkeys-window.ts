// The two ways to find hot keys without LFU counters, both only on the user's explicit request
// (`allowMonitor`): a bounded MONITOR window counted key by key, or a native HOTKEYS session on
// Redis ≥ 8.6, which costs the server far less than MONITOR.
import "server-only";
import { parseHotkeysGet, type HotkeysReport } from "@/lib/parse/hotkeys-get";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { MonitorWindowResult } from "@/lib/redis/monitor-window";
import { addMonitorLine, createTally, type MonitorTally } from "./monitor-tally";
import { sleep } from "./probe-support";

export interface MonitorWindowData {
  window: MonitorWindowResult;
  tally: MonitorTally;
}

/** Polls the reserved connection until the server no longer lists the client (at most ~2 s). */
export function untilClientGone(reserved: CommandRunner): (clientId: number) => Promise<void> {
  return async (clientId) => {
    for (let i = 0; i < 100; i++) {
      const listed = String(await reserved.call(["CLIENT", "LIST", "ID", String(clientId)]));
      if (!listed.trim()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

export async function monitorKeys(runner: CommandRunner, opts: { durationMs: number; maxLines: number; waitGone?: (clientId: number) => Promise<void> }): Promise<MonitorWindowData> {
  const tally = createTally();
  const window = await runner.monitor({ durationMs: opts.durationMs, maxLines: opts.maxLines, waitGone: opts.waitGone, onLine: (line) => addMonitorLine(tally, line) });
  return { window, tally };
}

/** `COMMAND INFO HOTKEYS` answers a nil entry on servers that do not have the command. */
export async function hasHotkeysCommand(runner: CommandRunner): Promise<boolean> {
  try {
    const reply = await runner.call(["COMMAND", "INFO", "HOTKEYS"]);
    return Array.isArray(reply) && Array.isArray(reply[0]);
  } catch {
    return false;
  }
}

/**
 * One HOTKEYS session: START with a DURATION (the server stops it on its own even if Redline goes
 * away), wait, GET, then STOP and RESET to free the server's tracking memory.
 */
export async function hotkeysSession(runner: CommandRunner, opts: { seconds: number; top: number; signal: AbortSignal }): Promise<HotkeysReport | undefined> {
  await runner.call(["HOTKEYS", "START", "METRICS", "2", "CPU", "NET", "COUNT", String(opts.top), "DURATION", String(opts.seconds)]);
  try {
    await sleep(opts.seconds * 1000, opts.signal);
    return parseHotkeysGet(await runner.call(["HOTKEYS", "GET"]));
  } finally {
    // STOP errors when the DURATION already ended the session; RESET is what frees the memory.
    await runner.call(["HOTKEYS", "STOP"]).catch(() => {});
    await runner.call(["HOTKEYS", "RESET"]).catch(() => {});
  }
}
