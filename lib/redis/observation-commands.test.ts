import { describe, expect, it } from "vitest";
import { classifyCommand } from "./command-policy";
import { isObservationCommand } from "./observation-commands";

describe("isObservationCommand", () => {
  it("admits the HOTKEYS session commands, which the policy still calls mutating", () => {
    for (const sub of ["START", "stop", "GET", "RESET"]) {
      expect(isObservationCommand(["hotkeys", sub])).toBe(true);
      expect(classifyCommand(["HOTKEYS", sub])).toBe("mutating");
    }
  });

  it("admits nothing else (MONITOR has its own bounded window)", () => {
    for (const argv of [["MONITOR"], ["HOTKEYS"], ["HOTKEYS", "HELP"], ["CONFIG", "SET", "x", "y"], ["FLUSHALL"], []]) expect(isObservationCommand(argv)).toBe(false);
  });
});
