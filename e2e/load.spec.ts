// Load, short version (the full minute and the 10-minute soak are `npm run soak`): a production
// Redline of its own with 100 instances registered over 4 real redis-servers and the sampler on,
// 100 concurrent API clients for 15 s: no errors, p99 bounded with a generous margin (2 shared cores).
import { expect, test } from "@playwright/test";
import { startStandalone } from "@/lib/lab";
import { startRedlineServer } from "@/lib/testing/redline-server";
import { registerFleet, runLoad } from "@/lib/testing/load-driver";
import { stopLabAfterAll, watchRedline } from "./support/lab";

stopLabAfterAll();

// Measured p99 ≈ 1.8 s with the machine otherwise idle and ≈ 5 s with other suites running on the
// same 2 cores (100 clients, the sampler and 4 redis-servers share them), 7 s at worst seen: the bound
// is the margin; what must never happen is an error or a request left hanging.
const P99_BOUND_MS = 15_000;

test("100 API clients for 15 s while 100 instances are sampled: no errors, p99 bounded", async () => {
  test.setTimeout(120_000);
  const labs = await Promise.all(Array.from({ length: 4 }, () => startStandalone()));
  const server = await startRedlineServer({ env: { REDLINE_SAMPLER: "on" } });
  const unwatch = watchRedline(server);
  try {
    const fleet = await registerFleet(server, labs.map((l) => l.node), 100);
    const report = await runLoad(server, fleet, { clients: 100, durationMs: 15_000 });
    console.log(`load: ${report.requests} requests, ${report.errors} errors, ${report.perSecond}/s, p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms`);
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.requests).toBeGreaterThan(500);
    expect(report.p99Ms).toBeLessThan(P99_BOUND_MS);
  } finally {
    await server.stop();
    unwatch();
  }
});
