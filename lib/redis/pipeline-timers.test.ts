import { describe, expect, it } from "vitest";
import { execWithoutCommandTimers } from "./pipeline-timers";

describe("execWithoutCommandTimers", () => {
  it("turns the per-command timeout off only while the pipeline is written", () => {
    const client = { options: { commandTimeout: 2_000 as number | undefined } };
    let during: number | undefined = -1;
    const result = execWithoutCommandTimers(client, {
      exec: () => {
        during = client.options.commandTimeout;
        return "sent";
      },
    });
    expect(result).toBe("sent");
    expect(during).toBeUndefined();
    expect(client.options.commandTimeout).toBe(2_000);
  });

  it("puts the timeout back when exec throws", () => {
    const client = { options: { commandTimeout: 500 as number | undefined } };
    expect(() =>
      execWithoutCommandTimers(client, {
        exec: () => {
          throw new Error("boom");
        },
      }),
    ).toThrow("boom");
    expect(client.options.commandTimeout).toBe(500);
  });
});
