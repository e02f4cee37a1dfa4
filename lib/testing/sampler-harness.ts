// Test helper: a sampler over a fresh store with instances registered the way the API registers
// them, and waits on what the sampler has seen. Used by the metrics integration tests.
import "server-only";
import { randomBytes } from "node:crypto";
import { instanceInputSchema, type InstanceInput } from "@/lib/api/schemas/instance";
import { ConnectionManager } from "@/lib/redis/connection-manager";
import { createInstance } from "@/lib/store/instances-repo";
import type { Db } from "@/lib/store/database";
import { waitUntil } from "@/lib/lab";
import { Sampler, type SamplerOptions } from "@/lib/metrics/sampler";

export interface TestSampler {
  sampler: Sampler;
  manager: ConnectionManager;
  key: Buffer;
  register(input: InstanceInput): Promise<string>;
  /** Waits until the instance's every node has at least `n` samples in its ring. */
  samples(id: string, n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function testSampler(db: Db, opts: Partial<SamplerOptions> = {}): TestSampler {
  const key = opts.key ?? randomBytes(32);
  const manager = new ConnectionManager({ connectTimeoutMs: 1_000, commandTimeoutMs: 1_000 });
  const sampler = new Sampler({ db, key, manager, intervalMs: 500, commandTimeoutMs: 1_000, ...opts });
  return {
    sampler,
    manager,
    key,
    async register(input) {
      const created = await createInstance(db, key, instanceInputSchema.parse(input));
      await sampler.reload();
      return created.id;
    },
    samples(id, n, timeoutMs = 20_000) {
      return waitUntil(
        async () => {
          const s = sampler.instances.get(id);
          const sizes = [...(s?.nodes.values() ?? [])].map((node) => node.ring.size);
          return sizes.length > 0 && sizes.every((x) => x >= n) ? true : `ring sizes ${sizes.join(",") || "none"}`;
        },
        { timeoutMs, intervalMs: 100, what: `${n} samples of every node of ${id}` },
      );
    },
    async stop() {
      await sampler.stop();
      manager.closeAll();
    },
  };
}
