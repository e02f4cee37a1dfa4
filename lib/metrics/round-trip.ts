// One latency round trip. PING is the natural probe, but a server in MISCONF (failed save with
// stop-writes-on-bgsave-error yes) refuses PING along with writes, so that monitoring notices; the
// server still answers ECHO then, and the MISCONF itself shows in the persistence statuses.
import "server-only";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { RedisFailure } from "@/lib/redis/classify";

export async function roundTripMs(runner: CommandRunner): Promise<number> {
  const started = performance.now();
  try {
    await runner.call(["PING"]);
  } catch (err) {
    if (!(err instanceof RedisFailure) || err.code !== "redis_misconf") throw err;
    const again = performance.now();
    await runner.call(["ECHO", "redline"]);
    return Math.round((performance.now() - again) * 1000) / 1000;
  }
  return Math.round((performance.now() - started) * 1000) / 1000;
}
