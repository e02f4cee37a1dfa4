// The production bundle can load a module twice (instrumentation's sampler and the route chunks share
// the connection manager on globalThis): errors and the key placeholder must still be recognised
// when they come from the other copy. Here a second copy is a fresh import after resetModules.
import { describe, expect, it, vi } from "vitest";
import { RedisFailure } from "./classify";
import { KEY } from "./command-runner";
import { ApiError } from "@/lib/api/problem";

describe("identity across module copies", () => {
  it("RedisFailure, ApiError and KEY from another copy are recognised", async () => {
    vi.resetModules();
    const other = await import("./classify");
    const otherRunner = await import("./command-runner");
    const otherProblem = await import("@/lib/api/problem");
    expect(other.RedisFailure).not.toBe(RedisFailure);
    expect(new other.RedisFailure("redis_busy_script", "BUSY") instanceof RedisFailure).toBe(true);
    expect(new otherProblem.ApiError("not_found") instanceof ApiError).toBe(true);
    expect(otherProblem.toProblem(new RedisFailure("redis_loading", "LOADING")).code).toBe("redis_loading");
    expect(otherRunner.KEY).toBe(KEY);
  });

  it("plain errors are not mistaken for them", () => {
    expect(new Error("BUSY") instanceof RedisFailure).toBe(false);
    expect({ code: "not_found" } instanceof ApiError).toBe(false);
    expect((null as unknown as object) instanceof RedisFailure).toBe(false);
  });
});
