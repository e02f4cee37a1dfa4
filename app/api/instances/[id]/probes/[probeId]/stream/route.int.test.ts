// The streaming run route through the real handler and store: progress events then the result, the
// plain route's validation errors, and cancel by closing the request (the last event is then the
// partial result with its resume cursor).
import { NextRequest } from "next/server";
import { routeTestEnv, TEST_AUTH, type Route } from "@/lib/testing/route-test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, startStandalone, type RedisProcess } from "@/lib/lab";
import type { BigkeysData } from "@/lib/probes/bigkeys";
import type { ProbeProgress, ProbeResult } from "@/lib/probes/types";

const server = routeTestEnv("probe-stream", { REDLINE_SAMPLER: "off" });
const AUTH = TEST_AUTH;


interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads SSE frames as they arrive; `onEvent` may return true to stop reading. */
async function readEvents(res: Response, onEvent: (e: SseEvent) => boolean | void = () => {}): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)![1]!;
      const e = { event, data: JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as unknown };
      events.push(e);
      onEvent(e);
    }
  }
}

describe("POST /api/instances/:id/probes/:probeId/stream", () => {
  let redis: RedisProcess;
  let id: string;
  let stream: { POST: Route };

  const post = (probeId: string, body: unknown, signal?: AbortSignal) =>
    stream.POST(
      new NextRequest(`http://127.0.0.1/api/instances/${id}/probes/${probeId}/stream`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...AUTH },
        signal,
      }),
      { params: Promise.resolve({ id, probeId }) },
    );

  beforeAll(async () => {
    redis = (await startStandalone({ args: ["--enable-debug-command", "local"] })).node;
    const c = createLabClient(redis, { commandTimeoutMs: 30_000 });
    await c.call("DEBUG", "POPULATE", "80000", "key", "10");
    c.disconnect();
    const instances = (await import("@/app/api/instances/route")) as unknown as { POST: Route };
    stream = (await import("./route")) as unknown as { POST: Route };
    const res = await instances.POST(
      new NextRequest("http://127.0.0.1/api/instances", { method: "POST", body: JSON.stringify({ name: "stream", host: redis.host, port: redis.port }), headers: { "content-type": "application/json", ...AUTH } }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    id = ((await res.json()) as { instance: { id: string } }).instance.id;
  });

  afterAll(async () => {
    await server.teardown();
  });

  it("streams progress events, then the result", async () => {
    const res = await post("bigkeys", { latencyBudgetMs: 50 });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(res);
    const progress = events.filter((e) => e.event === "progress").map((e) => e.data as ProbeProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ node: `${redis.host}:${redis.port}`, estimatedTotal: 80_000 });
    expect(events.at(-1)!.event).toBe("result");
    const { result } = events.at(-1)!.data as { result: ProbeResult<BigkeysData> };
    expect(result).toMatchObject({ probeId: "bigkeys", partial: false });
    expect(result.data.summary.scanned).toBeGreaterThanOrEqual(80_000);
  });

  it("rejects bad parameters before streaming, as the plain route does", async () => {
    const res = await post("bigkeys", { topN: 0 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string; errors: Array<{ field: string }> }).errors[0]!.field).toBe("topN");
    expect((await post("no-such-probe", {})).status).toBe(404);
  });

  it("stops the probe when the request is closed and ends with the partial result", async () => {
    const ac = new AbortController();
    const res = await post("bigkeys", { latencyBudgetMs: 50, budgetMs: 60_000 }, ac.signal);
    const events = await readEvents(res, (e) => {
      if (e.event === "progress") ac.abort();
    });
    const { result } = events.at(-1)!.data as { result: ProbeResult<BigkeysData> };
    expect(result.partial).toBe(true);
    expect(result.data.summary.stoppedBy).toBe("cancelled");
    expect(result.data.cursors[`${redis.host}:${redis.port}`]).toMatch(/^\d+$/);
  });
});
