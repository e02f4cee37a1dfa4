// Records what reaches a lab redis-server while a test runs: every command (MONITOR, from the lab's
// own connection, so Redline's two connections stay Redline's), how many times each command ran
// (INFO commandstats before and after: MONITOR never shows admin commands such as CONFIG, DEBUG or
// SHUTDOWN), and the most connections named redline:* seen at once (CLIENT LIST every 20 ms).
import { createLabClient, type LabEndpoint } from "@/lib/lab";
import { redlineClients } from "./redline-clients";

export interface Recording {
  /** argv of every command Redline's connections (named redline:*) sent meanwhile, in order. */
  commands: string[][];
  /** Everything the server executed, whoever sent it (MONITOR does not show itself or AUTH). */
  all: Array<{ argv: string[]; source: string }>;
  maxRedlineConnections: number;
  /** Calls per command (`config|get`) during the recording, whoever sent them, admin commands included. */
  executed: Record<string, number>;
}

async function commandCalls(client: ReturnType<typeof createLabClient>): Promise<Map<string, number>> {
  const text = String(await client.call("INFO", "commandstats"));
  return new Map([...text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

export async function recordCommands(endpoint: LabEndpoint): Promise<{ stop(): Promise<Recording> }> {
  const base = createLabClient(endpoint);
  const monitor = await base.monitor();
  const all: Recording["all"] = [];
  monitor.on("monitor", (_time: string, argv: string[], source: string) => all.push({ argv, source }));
  const redlineAddrs = new Set<string>();
  const watcher = createLabClient(endpoint);
  const before = await commandCalls(watcher);
  let maxRedlineConnections = 0;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const clients = redlineClients(await watcher.call("CLIENT", "LIST"));
      maxRedlineConnections = Math.max(maxRedlineConnections, clients.length);
      for (const c of clients) redlineAddrs.add(c.addr);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      watching = false;
      await watch;
      const after = await commandCalls(watcher);
      const executed = Object.fromEntries([...after].map(([cmd, n]) => [cmd, n - (before.get(cmd) ?? 0)]).filter(([, n]) => (n as number) > 0));
      monitor.disconnect();
      base.disconnect();
      watcher.disconnect();
      return { commands: all.filter((c) => redlineAddrs.has(c.source)).map((c) => c.argv), all, maxRedlineConnections, executed };
    },
  };
}
