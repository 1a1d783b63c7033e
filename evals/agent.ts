import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HumanMessage } from "@langchain/core/messages";
import { createContainer, type Container } from "../src/app/container.js";
import { loadDemo } from "../src/app/demo.js";
import { fixedClock } from "../src/core/clock.js";
import { loadConfig } from "../src/core/config.js";
import type { Channel } from "../src/core/domain.js";
import { silentLogger } from "../src/core/logger.js";
import { openDatabase } from "../src/infra/postgres/pool.js";
import { startFakeOpenAi, type FakeOpenAi } from "../tests/fakes/openai-server.js";
import { percent, textTable } from "./evaluators/classification-metrics.js";
import { createAgentOracle, type AgentOracle } from "./evaluators/agent-oracle.js";
import { parseAgentQuestions, type AgentQuestion } from "./evaluators/agent-questions.js";
import { scoreArguments, summarizeAgentRuns, type AgentSummary, type ObservedCall, type QuestionRun, type TurnOutcome } from "./evaluators/agent-scoring.js";

export const AGENT_QUESTIONS_PATH = fileURLToPath(new URL("./datasets/agent-questions.jsonl", import.meta.url));
export const REPORTS_DIR = fileURLToPath(new URL("./reports/", import.meta.url));
export const AGENT_SKIPPED = "agent: skipped — set OPENAI_BASE_URL/OPENAI_API_KEY to run";

/** The demo CRM's timeline ends in November 2026: "this quarter" is 2026-Q4, as the dataset assumes. */
const NOW = "2026-11-30T14:00:00Z";
/** Only these variables reach the container, so an eval never posts to a real Slack or opens a real database. */
const PASSED_THROUGH = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "LLM_MODEL", "LLM_TIMEOUT_MS", "AGENT_MAX_STEPS", "AGENT_TURN_BUDGET_MS"] as const;

export type AgentEvalMode = "endpoint" | "fake";

export interface AgentReport {
  mode: AgentEvalMode;
  model: string;
  endpoint: string;
  dataset: string;
  ranAt: string;
  seconds: number;
  summary: AgentSummary;
  oracle?: AgentOracle["counts"];
  runs: {
    id: string;
    role: string;
    expected: string[];
    called: string[];
    outcome: TurnOutcome;
    reason?: string;
    latencyMs: number;
    /** Calls the registry rejected or that failed (bad arguments, not found, refused). */
    toolErrors: number;
    failedArgs: string[];
    reply: string;
  }[];
}

export type AgentEvalResult = { skipped: string } | AgentReport;

/**
 * `npm run eval -- agent [--fake]`: the real container (in-memory PGlite, demo CRM and knowledge) with its LLM
 * pointed at OPENAI_BASE_URL — or, with --fake, at the local fake server played by the label oracle. Each
 * question is one fresh conversation; what the agent called is read from the agent node's update (its
 * toolResults with the model's arguments, and its outcome), or from the approval interrupt a write tool raised.
 */
export async function runAgentEval(options: { mode: AgentEvalMode; env: Record<string, string | undefined>; datasetPath?: string }): Promise<AgentEvalResult> {
  const { mode, env } = options;
  if (mode === "endpoint" && !env["OPENAI_BASE_URL"] && !env["OPENAI_API_KEY"]) return { skipped: AGENT_SKIPPED };
  const dataset = options.datasetPath ?? AGENT_QUESTIONS_PATH;
  const questions = parseAgentQuestions(await fs.readFile(dataset, "utf8"));
  const started = performance.now();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "salesgraph-agent-eval-"));
  const db = await openDatabase({ dataDir, inMemory: true });
  let fake: { server: FakeOpenAi; oracle: AgentOracle } | undefined;
  let container: Container | undefined;
  try {
    const llmEnv: Record<string, string> = {};
    if (mode === "fake") {
      const oracle = createAgentOracle(questions);
      fake = { oracle, server: await startFakeOpenAi({ respond: oracle.respond }) };
      Object.assign(llmEnv, { OPENAI_API_KEY: "fake", OPENAI_BASE_URL: fake.server.url, LLM_MODEL: "fake-oracle", LLM_TIMEOUT_MS: "10000" });
    } else {
      for (const name of PASSED_THROUGH) if (env[name]) llmEnv[name] = env[name]!;
      llmEnv["OPENAI_API_KEY"] ??= "not-needed";
    }
    const config = loadConfig({
      LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: dataDir, KB_EMBEDDER: "local", LLM_PROVIDER: "openai", APPROVAL_REQUIRED: "true", ...llmEnv,
    });
    container = await createContainer(config, { db, clock: fixedClock(NOW), logger: silentLogger() });
    await loadDemo(db.pool, container.kb);
    const runs: QuestionRun[] = [];
    for (const question of questions) runs.push(await ask(container, question));
    return {
      mode,
      model: config.llm.model,
      endpoint: config.llm.baseUrl ? new URL(config.llm.baseUrl).host : "api.openai.com",
      dataset: path.relative(process.cwd(), dataset),
      ranAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      summary: summarizeAgentRuns(runs, { scripted: mode === "fake" }),
      ...(fake ? { oracle: fake.oracle.counts } : {}),
      runs: runs.map((r) => ({
        id: r.question.id,
        role: r.question.role,
        expected: r.question.expect.tools,
        called: [...new Set(r.calls.map((c) => c.tool))],
        outcome: r.outcome,
        ...(r.reason ? { reason: r.reason } : {}),
        latencyMs: Math.round(r.latencyMs),
        toolErrors: r.calls.filter((c) => !c.ok).length,
        failedArgs: scoreArguments(r.question, r.calls).filter((c) => !c.ok).map((c) => `${c.tool}.${c.path}`),
        reply: r.reply.slice(0, 400),
      })),
    };
  } finally {
    await container?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await fake?.server.close().catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * One question as the conversation handler runs it (same conversation row, same graph input), but streamed
 * as node updates: the agent node's own update holds its calls with their arguments, which the end of the
 * turn strips from the checkpoint; an approval interrupt holds the write a tool was about to make.
 */
async function ask(container: Container, question: AgentQuestion): Promise<QuestionRun> {
  const channel: Channel = question.role === "prospect" ? "web" : "slack";
  const externalId = `agent-eval-${question.id}`;
  const actor = { id: question.role === "prospect" ? externalId : `U-eval-${question.role}`, role: question.role, tenant: "demo" };
  const started = performance.now();
  try {
    const conversation = await container.repos.conversations.ensure(channel, externalId, actor);
    const input = { messages: [new HumanMessage(question.text)], channel, actor, conversationId: conversation.id, reply: "", replyData: null, silenced: false };
    const config = { configurable: { thread_id: `${channel}:${externalId}` } };
    const updates = (await container.graph.stream(input, { ...config, streamMode: "updates" })) as AsyncIterable<Record<string, unknown>>;
    let agent: AgentUpdate | undefined;
    const approvals: ObservedCall[] = [];
    for await (const update of updates) {
      if (update["agent"]) agent = update["agent"] as AgentUpdate;
      for (const i of (update["__interrupt__"] as { value?: { kind?: string; action?: string; input?: unknown } }[] | undefined) ?? []) {
        if (i.value?.kind === "approval" && i.value.action) approvals.push({ tool: i.value.action, input: i.value.input, ok: true });
      }
    }
    const latencyMs = performance.now() - started;
    const reply = String(((await container.graph.getState(config)).values as { reply?: string }).reply ?? "");
    if (approvals.length) return { question, latencyMs, reply, calls: approvals, outcome: "paused" };
    if (!agent?.agentOutcome) return { question, latencyMs, reply, calls: [], outcome: "no_agent" };
    const calls = (agent.toolResults ?? []).filter((r) => r.input !== undefined).map((r) => ({ tool: r.tool, input: r.input, ok: r.ok }));
    return { question, latencyMs, reply, calls, outcome: agent.agentOutcome.status, ...(agent.agentOutcome.reason ? { reason: agent.agentOutcome.reason } : {}) };
  } catch (error) {
    return { question, latencyMs: performance.now() - started, reply: "", calls: [], outcome: "error", reason: (error as Error).message.slice(0, 200) };
  }
}

interface AgentUpdate {
  toolResults?: { tool: string; ok: boolean; input?: unknown }[];
  agentOutcome?: { status: "answered" | "fallback"; reason?: string };
}

const pct = (v: number | null) => (v === null ? "n/a" : percent(v));

export async function formatAgentReport(result: AgentEvalResult, reportsDir = REPORTS_DIR): Promise<string> {
  if ("skipped" in result) return result.skipped;
  await fs.mkdir(reportsDir, { recursive: true });
  const jsonPath = path.join(reportsDir, `agent-${result.mode}.json`);
  await fs.writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  const s = result.summary;
  const lines = [
    ...(result.mode === "fake"
      ? [
          "FAKE MODEL — a scripted oracle that calls the labelled tools. These scores prove the harness and its scoring;",
          "they are NOT a measure of any model. Run without --fake against OPENAI_BASE_URL for model quality.",
        ]
      : []),
    `model: ${result.model} at ${result.endpoint}; ${result.runs.length} questions (${s.internal.questions} rep/manager, ${s.guard.prospects} prospect) from ${result.dataset}`,
    `tool choice: precision ${pct(s.internal.precision)}, recall ${pct(s.internal.recall)}, exact set ${pct(s.internal.exactSetAccuracy)}`,
    `arguments: ${pct(s.internal.argAccuracy)} of ${s.internal.argChecks} labelled checks (${pct(s.internal.argAccuracyWhenCalled)} when the tool was called)`,
    `outcomes: ${Object.entries(s.outcomes).map(([k, v]) => `${k} ${v}`).join(", ")}; fallback rate ${pct(s.fallbackRate)}`,
    `tool calls that failed (bad arguments, not found, refused): ${result.runs.reduce((n, r) => n + r.toolErrors, 0)}`,
    `median latency: ${s.medianLatencyMs === null ? "n/a" : `${Math.round(s.medianLatencyMs)} ms`} per turn`,
    `grounding guard: replaced ${s.guard.replaced} of ${s.guard.prospects} prospect replies` +
      (s.guard.scripted ? ` (caught ${s.guard.scripted.caught} of ${s.guard.scripted.inventions} scripted inventions; ${s.guard.scripted.otherCatches} other catches)` : ""),
    ...s.guard.catches.map((c) => `  ${c.id}: ${c.reason}`),
    "",
    textTable(["tool", "expected", "called when expected", "called unasked"], s.perTool.map((t) => [t.tool, String(t.expected), String(t.hit), String(t.extra)])),
  ];
  const misses = result.runs.filter((r) => r.role !== "prospect" && (r.failedArgs.length > 0 || !sameSet(r.expected, r.called)));
  if (misses.length) {
    lines.push("", `rep/manager questions whose calls differ from the label (${misses.length}; extras listed in alsoOk are not counted as mistakes):`);
    for (const r of misses.slice(0, 20)) {
      lines.push(`  ${r.id}: expected [${r.expected.join(", ")}] called [${r.called.join(", ")}]${r.failedArgs.length ? `; args ✗ ${r.failedArgs.join(", ")}` : ""}${r.outcome !== "answered" ? `; ${r.outcome}${r.reason ? ` (${r.reason})` : ""}` : ""}`);
    }
  }
  lines.push("", `report: ${path.relative(process.cwd(), jsonPath)}`);
  return lines.join("\n");
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === new Set(b).size && a.every((t) => b.includes(t));
}
