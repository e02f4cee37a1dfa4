// Runs a bench script in its own Node process (module state, connections and RSS start fresh)
// and returns the JSON it writes to --out. Progress goes straight through on stderr.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function runScript<T>(script: string, args: string[]): Promise<T> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-")), "out.json");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args, "--out", out], {
    cwd: process.cwd(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      try {
        if (code !== 0) throw new Error(`${path.basename(script)} exited with ${code}`);
        resolve(JSON.parse(fs.readFileSync(out, "utf8")) as T);
      } catch (err) {
        reject(err);
      } finally {
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  });
}
