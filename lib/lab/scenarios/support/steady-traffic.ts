// Ordinary application traffic next to the incident: a few clients reading (and now and then
// rewriting) small keys at a bounded rate. They are the "everyone else" whose latency the
// incident ruins, and they keep the server's ops/s and hit rate looking like a live service.
import "server-only";
import type { LoadGroup } from "./load-group";

export interface SteadyTraffic {
  clients: number;
  /** Total over all clients. */
  opsPerSec: number;
  keyCount: number;
  /** Key of the n-th key, n in [0, keyCount): must match how the keys were written. */
  keyOf: (n: number) => string;
  /** One op in this many is a SET of the same key (0: reads only). */
  writeEvery?: number;
  /** Value written by those SETs. */
  value?: string;
}

export function startSteadyTraffic(load: LoadGroup, traffic: SteadyTraffic): void {
  if (traffic.clients <= 0 || traffic.opsPerSec <= 0 || traffic.keyCount <= 0) return;
  const pauseMs = (traffic.clients * 1000) / traffic.opsPerSec;
  for (let c = 0; c < traffic.clients; c++) {
    const client = load.client();
    let n = 0;
    load.loop(async () => {
      const key = traffic.keyOf(Math.floor(Math.random() * traffic.keyCount));
      const write = traffic.writeEvery ? ++n % traffic.writeEvery === 0 : false;
      if (write) await client.set(key, traffic.value ?? "x");
      else await client.get(key);
      await load.sleep(pauseMs);
    });
  }
}
