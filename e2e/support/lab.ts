// Lab processes for browser specs: real redis-server processes, stopped by PID after each spec file.
import { test } from "@playwright/test";
import { stopAll } from "@/lib/lab";

/** Registers an afterAll that stops every redis-server this spec file started. */
export function stopLabAfterAll(): void {
  test.afterAll(async () => {
    await stopAll();
  });
}
