// What the figures were measured on: machine, versions and load, recorded with every run because
// the host may be shared and a ratio only means something next to the load it was taken under.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { round } from "./stats";

function version(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n")[0]!;
  } catch {
    return null;
  }
}

function cpuModel(): string | null {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? null;
  } catch {
    return os.cpus()[0]?.model ?? null;
  }
}

function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

export function loadavg(): number[] {
  return os.loadavg().map((v) => round(v, 2)!);
}

export function hostInfo() {
  return {
    cores: os.cpus().length,
    cpuModel: cpuModel(),
    ramGb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    redisServer: version("redis-server", ["--version"]),
    redisCli: version(process.env.REDLINE_REDIS_CLI ?? "redis-cli", ["--version"]),
    chromium: version(process.env.REDLINE_CHROMIUM ?? "/usr/bin/chromium", ["--version"]),
    next: packageVersion("next"),
    ioredis: packageVersion("ioredis"),
  };
}
