// The parent's handle on a load-worker process: measured windows around whatever the benchmark
// runs, and a stop by PID that never leaves the child behind.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import type { LoadOptions, WindowReport } from "./load-worker";

export type { WindowReport };

export class Load {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  private failWaiting: ((err: Error) => void) | undefined;

  private constructor(opts: LoadOptions) {
    const worker = path.join(import.meta.dirname, "load-worker.ts");
    this.child = spawn(process.execPath, ["--import", "tsx", worker, JSON.stringify(opts)], { cwd: process.cwd() });
    this.child.stderr.pipe(process.stderr);
    this.child.on("exit", (code) => this.failWaiting?.(new Error(`load worker exited (${code})`)));
    let buf = "";
    this.child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const w = this.waiting;
        this.waiting = undefined;
        if (w) w(line);
        else this.lines.push(line);
      }
    });
  }

  static async start(opts: LoadOptions): Promise<Load> {
    const load = new Load(opts);
    const first = await load.next(30_000);
    if (first !== "ready") throw new Error(`load worker did not start: ${first}`);
    return load;
  }

  private next(timeoutMs = 60_000): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("load worker did not answer")), timeoutMs);
      this.failWaiting = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      this.waiting = (l) => {
        clearTimeout(timer);
        this.failWaiting = undefined;
        resolve(l);
      };
    });
  }

  /** Measures the load while `fn` runs. */
  async during<T>(fn: () => Promise<T>): Promise<{ value: T; load: WindowReport }> {
    this.child.stdin.write("start\n");
    try {
      const value = await fn();
      return { value, load: await this.stopWindow() };
    } catch (err) {
      await this.stopWindow();
      throw err;
    }
  }

  /** Measures the load alone for `ms` (the no-tool baseline). */
  async idle(ms: number): Promise<WindowReport> {
    return (await this.during(() => new Promise((r) => setTimeout(r, ms)))).load;
  }

  private async stopWindow(): Promise<WindowReport> {
    this.child.stdin.write("stop\n");
    return JSON.parse(await this.next()) as WindowReport;
  }

  close(): void {
    if (this.child.exitCode !== null) return;
    this.child.stdin.write("exit\n");
    const pid = this.child.pid;
    setTimeout(() => {
      if (pid && this.child.exitCode === null) process.kill(pid, "SIGKILL");
    }, 2_000).unref();
  }
}
