// `npm run lab -- <scenario|all|healthy> [--json] [--size small|large]`: starts lab scenarios and,
// once each is in its incident state, prints one line per scenario (JSON with --json: a contract
// for scripts outside the project). Runs until SIGINT/SIGTERM, then stops everything it started.
import { INCIDENT_SCENARIOS, HEALTHY_SCENARIOS, SCENARIOS, getScenario } from "@/lib/lab/scenarios";
import type { RunningScenario, Scenario } from "@/lib/lab/scenarios/scenario";
import { stopAll } from "@/lib/lab";

interface Args {
  which: string[];
  json: boolean;
  size: "small" | "large";
}

function parseArgs(argv: string[]): Args {
  const args: Args = { which: [], json: false, size: "small" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") args.json = true;
    else if (a === "--size") args.size = argv[++i] === "large" ? "large" : "small";
    else if (a.startsWith("--size=")) args.size = a.endsWith("large") ? "large" : "small";
    else args.which.push(a);
  }
  return args;
}

function select(which: string[]): Scenario[] {
  if (which.length === 0) throw new Error(`Name a scenario, "all" or "healthy". Scenarios: ${SCENARIOS.map((s) => s.id).join(", ")}`);
  const out: Scenario[] = [];
  for (const w of which) {
    if (w === "all") out.push(...INCIDENT_SCENARIOS, ...HEALTHY_SCENARIOS);
    else if (w === "healthy") out.push(...HEALTHY_SCENARIOS);
    else {
      const s = getScenario(w);
      if (!s) throw new Error(`Unknown scenario "${w}". Scenarios: ${SCENARIOS.map((x) => x.id).join(", ")}`);
      out.push(s);
    }
  }
  return [...new Set(out)];
}

function report(args: Args, scenario: Scenario, running?: RunningScenario, skipped?: string) {
  const instances = (running?.instances ?? []).map(({ name, host, port, password, mode }) => ({ name, host, port, ...(password ? { password } : {}), mode }));
  if (args.json) {
    process.stdout.write(JSON.stringify({ scenario: scenario.id, instances, ...(skipped ? { skipped } : {}) }) + "\n");
    return;
  }
  if (skipped) {
    console.log(`✗ ${scenario.id}: skipped — ${skipped}`);
    return;
  }
  console.log(`✔ ${scenario.id}: ${scenario.title}`);
  for (const i of instances) console.log(`    ${i.name}  ${i.host}:${i.port}  ${i.mode}${i.password ? "  (password set)" : ""}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scenarios = select(args.which);
  const running: RunningScenario[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!args.json) console.log("\nStopping the lab…");
    await Promise.allSettled(running.map((r) => r.stop()));
    await stopAll();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));

  // Two at a time: the fills are CPU-bound and the machine may have two cores.
  const queue = [...scenarios];
  const worker = async () => {
    for (let s = queue.shift(); s && !stopping; s = queue.shift()) {
      const reason = await s.unavailableReason();
      if (reason) {
        report(args, s, undefined, reason);
        continue;
      }
      try {
        const r = await s.start({ size: args.size });
        running.push(r);
        report(args, s, r);
      } catch (err) {
        report(args, s, undefined, `failed to start: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  if (!args.json) console.log("\nThe lab is running. Press Ctrl-C to stop everything.");
  // Stay alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stopAll();
  process.exit(1);
});
