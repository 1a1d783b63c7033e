import fs from "node:fs";
import path from "node:path";
import { formatAgentReport, runAgentEval } from "./agent.js";
import { formatBanking77Report, runBanking77Eval } from "./banking77.js";
import { formatClinc150Report, runClinc150Eval } from "./clinc150.js";
import { formatClvReport, runClvEval } from "./clv.js";
import { formatConversationsReport, runConversationsEval, type LlmMode } from "./conversations.js";
import { formatKnowledgeReport, runKnowledgeEval } from "./knowledge.js";
import { formatLeadsReport, runLeadsEval } from "./leads.js";
import { formatJourneyReport, runJourneyEval } from "./journey.js";
import { formatNbaReport, runNbaEval } from "./nba.js";
import { formatPipelineReport, runPipelineEval } from "./pipeline.js";
import { formatRoutingReport, runRoutingEval } from "./routing.js";
import { formatTranscriptsReport, runTranscriptsEval } from "./transcripts.js";

/**
 * `npm run eval [-- NAME ...]`. Evaluations that need ../shared/data say so and exit 1 when it is missing
 * (never a silent skip). With no name, every evaluation runs.
 */
const SHARED = path.resolve(process.cwd(), "../shared/data");

function needShared(sub: string): string {
  const dir = path.join(SHARED, sub);
  if (!fs.existsSync(dir)) throw new Error(`needs ${dir} (the shared data sets); it is not there`);
  return dir;
}

/** `--llm local|fake|both` (conversations): the local deterministic mode, the scripted fake model, or both. */
const args = process.argv.slice(2);
const llmFlag = args.findIndex((a) => a === "--llm" || a.startsWith("--llm="));
const llmValue = llmFlag < 0 ? "local" : args[llmFlag]!.includes("=") ? args[llmFlag]!.split("=")[1] : args[llmFlag + 1];
if (!["local", "fake", "both"].includes(llmValue ?? "")) {
  process.stderr.write(`eval: --llm takes local, fake or both (got '${llmValue ?? ""}')\n`);
  process.exit(2);
}
const llmModes: LlmMode[] = llmValue === "both" ? ["local", "fake"] : [llmValue as LlmMode];

async function conversations(): Promise<string> {
  const reports: string[] = [];
  for (const llm of llmModes) reports.push(await formatConversationsReport(await runConversationsEval({ llm })));
  return reports.join("\n\n");
}

const EVALS: Record<string, () => Promise<string>> = {
  routing: async () => formatRoutingReport(await runRoutingEval()),
  clinc150: async () => formatClinc150Report(await runClinc150Eval(needShared("clinc150"))),
  banking77: async () => formatBanking77Report(await runBanking77Eval(needShared("banking77"))),
  knowledge: async () => formatKnowledgeReport(await runKnowledgeEval()),
  leads: async () => (needShared("leads"), formatLeadsReport(runLeadsEval(SHARED, "leads"))),
  bank: async () => (needShared("bank-marketing"), formatLeadsReport(runLeadsEval(SHARED, "bank"))),
  pipeline: async () => (needShared("crm"), formatPipelineReport(runPipelineEval(SHARED))),
  clv: async () => (needShared("segmentation"), formatClvReport(runClvEval(SHARED))),
  nba: async () => (needShared("marketing-campaign"), formatNbaReport(runNbaEval(SHARED))),
  journey: async () => formatJourneyReport(await runJourneyEval()),
  conversations,
  // skips with a message (not silently) when the shared transcripts are absent
  transcripts: async () => formatTranscriptsReport(await runTranscriptsEval(path.join(SHARED, "transcripts"))),
  // skips with a message (not silently) when no OpenAI-compatible endpoint is configured; --fake runs the label oracle
  agent: async () => formatAgentReport(await runAgentEval({ mode: args.includes("--fake") ? "fake" : "endpoint", env: process.env })),
};

const wanted = args.filter((a, i) => !a.startsWith("-") && !(llmFlag >= 0 && i === llmFlag + 1 && !args[llmFlag]!.includes("=")));
const names = wanted.length ? wanted : Object.keys(EVALS);
const unknown = names.filter((n) => !EVALS[n]);
if (unknown.length) {
  process.stderr.write(`eval: unknown evaluation '${unknown[0]}' (have: ${Object.keys(EVALS).join(", ")})\n`);
  process.exit(2);
}
let failed = false;
for (const name of names) {
  const started = performance.now();
  try {
    const report = await EVALS[name]!();
    process.stdout.write(`\n## ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${report}\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(`eval ${name}: ${(error as Error).message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
