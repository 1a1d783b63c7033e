import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin", "salesgraph.js");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(args: string[], env: Record<string, string>, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`salesgraph ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return times;
}

/** Wall time from process start to exit of `salesgraph --help` and a command's --help, compiled vs through tsx. */
export async function benchCliStart(runs = 7): Promise<string> {
  const compiled = fs.existsSync(path.join(ROOT, "dist", "src", "app", "cli", "index.js"));
  const lines = [`runs: ${runs} each, median (min–max) wall time; dist/ ${compiled ? "present" : "absent (npm run build)"}`];
  const cases: [string, string[], Record<string, string>][] = [
    ["--help (dist)", ["--help"], {}],
    ["leads score --help (dist)", ["leads", "score", "--help"], {}],
    ["route --help (dist)", ["route", "--help"], {}],
    ["--help (tsx, no dist)", ["--help"], { SALESGRAPH_NO_DIST: "1" }],
  ];
  for (const [label, args, env] of cases) {
    const t = timeRuns(args, env, runs);
    lines.push(`${label.padEnd(28)} ${median(t).toFixed(0)} ms (${Math.min(...t).toFixed(0)}–${Math.max(...t).toFixed(0)})`);
  }
  return lines.join("\n");
}
