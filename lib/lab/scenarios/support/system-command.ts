// Root-only system tools the lab drives (nft, mount, ss): run by argv (never through a shell),
// with a timeout, and failing with the tool's own stderr so an unavailable reason reads clearly.
import "server-only";
import { execFile, execFileSync } from "node:child_process";

const TIMEOUT_MS = 10_000;

export interface CommandOptions {
  /** Written to the tool's stdin (e.g. an `nft -f -` script). */
  input?: string;
  timeoutMs?: number;
}

export function runSystemCommand(file: string, args: string[], opts: CommandOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(/*turbopackIgnore: true*/ file, args, { timeout: opts.timeoutMs ?? TIMEOUT_MS, encoding: "utf8" }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const detail = String(stderr).trim() || err.message;
      reject(new Error(`${file} ${args.join(" ")}: ${detail}`));
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** For exit handlers, where only synchronous work runs. Never throws. */
export function runSystemCommandSync(file: string, args: string[]): boolean {
  try {
    execFileSync(/*turbopackIgnore: true*/ file, args, { timeout: TIMEOUT_MS, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}
