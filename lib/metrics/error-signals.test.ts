import { describe, expect, it } from "vitest";
import { errorSignals } from "./error-signals";

describe("errorSignals", () => {
  it("turns classified sample failures into signals", () => {
    expect(errorSignals({ code: "redis_busy_script" })).toEqual({ "server.busy_script": 1 });
    expect(errorSignals({ code: "redis_timeout" })).toEqual({ "server.unreachable": 1 });
    expect(errorSignals({ code: "redis_max_clients" })).toEqual({ "server.unreachable": 1, "clients.connected_pct_of_max": 100 });
    expect(errorSignals({ code: "redis_command_disabled" })).toEqual({});
  });
});
