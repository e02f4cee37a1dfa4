// Requests/s and latency of one URL under autocannon (its own process, like a real client), and
// a trivial Node HTTP server: the floor any Node web framework starts from on this host.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface HttpLoad {
  url: string;
  requestsPerSec: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export function autocannon(url: string, opts: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<HttpLoad> {
  const bin = path.join(process.cwd(), "node_modules", ".bin", "autocannon");
  const headers = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  const args = ["-j", "-n", "-c", String(opts.connections), "-d", String(opts.seconds), ...headers, url];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 16 * 1024 * 1024, timeout: (opts.seconds + 60) * 1000 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout.trim().split("\n").pop()!) as AutocannonJson;
      resolve({
        url,
        requestsPerSec: Math.round(r.requests.average),
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

const TRIVIAL = `require("http").createServer((req, res) => { res.setHeader("content-type", "application/json"); res.end('{"ok":true}'); })
  .listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });`;

/** A one-line Node HTTP server in its own process; resolves with its port and a stop by PID. */
export function trivialServer(): Promise<{ port: number; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ["-e", TRIVIAL], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`trivial server exited (${code})`)));
    child.stdout!.once("data", (d: Buffer) =>
      resolve({
        port: Number(d.toString().trim()),
        stop: () => {
          if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGTERM");
        },
      }),
    );
  });
}
