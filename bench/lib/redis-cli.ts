// Runs redis-cli (the tool a user would otherwise pick) against a lab node and times it.
import { execFile } from "node:child_process";

export interface CliRun {
  stdout: string;
  wallMs: number;
}

export function redisCli(node: { host: string; port: number }, args: string[], timeoutMs = 900_000): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.env.REDLINE_REDIS_CLI ?? "redis-cli",
      ["-h", node.host, "-p", String(node.port), ...args],
      { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, wallMs: performance.now() - started });
        // redis-cli explains its failures in its output; keep the last line of it.
        const why = `${stdout}\n${stderr}`.trim().split("\n").pop();
        reject(new Error(`redis-cli ${args.join(" ")} failed: ${why || err.message}`));
      },
    );
  });
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", a: "\x07", b: "\b", '"': '"', "\\": "\\" };

/** Undoes redis-cli's quoting of a key name (sdscatrepr: \" \\ \n … and \xHH). */
export function unquote(repr: string): string {
  return repr.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e)));
}

/** The keys of redis-cli's final report: "Biggest <type> found '"name"' has …" (--bigkeys, --memkeys). */
export function biggestKeys(stdout: string): string[] {
  return [...stdout.matchAll(/^Biggest\s+\S+\s+found\s+'"((?:[^"\\]|\\.)*)"'/gm)].map((m) => unquote(m[1]!));
}

/** The keys of --hotkeys' summary, hottest first: `hot key found with counter: N\tkeyname: "name"`. */
export function hotKeys(stdout: string): Array<{ key: string; counter: number }> {
  return [...stdout.matchAll(/^hot key found with counter: (\d+)\s+keyname: "((?:[^"\\]|\\.)*)"/gm)].map((m) => ({ key: unquote(m[2]!), counter: Number(m[1]) }));
}
