// Rewrites the generated results block of BENCHMARKS.md from bench/results/latest.json (run.ts does
// this itself after a full run; this is for a result produced elsewhere).
//   node --import tsx bench/render-md.ts
import fs from "node:fs";
import path from "node:path";
import { replaceResults, resultsMarkdown, type RunResult } from "./lib/results-md";

const result = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "results", "latest.json"), "utf8")) as RunResult;
const doc = path.join(process.cwd(), "BENCHMARKS.md");
fs.writeFileSync(doc, replaceResults(fs.readFileSync(doc, "utf8"), resultsMarkdown(result)));
