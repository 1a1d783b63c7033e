import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createContainer, type Container } from "../src/app/container.js";
import { loadDemo } from "../src/app/demo.js";
import type { Clock } from "../src/core/clock.js";
import { loadConfig } from "../src/core/config.js";
import { silentLogger } from "../src/core/logger.js";
import type { InboundMessage, OutboundMessage } from "../src/core/ports.js";
import { openDatabase } from "../src/infra/postgres/pool.js";
import { startFakeOpenAi, type FakeOpenAi } from "../tests/fakes/openai-server.js";
import { percent, textTable } from "./evaluators/classification-metrics.js";
import {
  checkDeclines, checkInvariants, checkOutcome, checkTurn, scenarioPassed,
  type CheckResult, type RepHours, type ScenarioObservation, type TurnObservation,
} from "./evaluators/conversation-checks.js";
import {
  consentOf, conversationDbId, handoffsOf, hasColumn, internalNames, leadOf, leadValue, meetingsOf, offerOf, repHours, resetToSeed, snapshotSeed,
  type SeedSnapshot,
} from "./evaluators/conversation-db.js";
import {
  conversationsOf, fillTemplate, FLOWS, parseScenarioFile, PROFILE_SLOTS,
  type Offer, type Scenario, type ScenarioConversation,
} from "./evaluators/conversation-scenario.js";
import { createFakeSalesLlm, type FakeSalesLlm } from "./evaluators/fake-sales-llm.js";

export const CONVERSATIONS_PATH = fileURLToPath(new URL("./datasets/conversations.yaml", import.meta.url));
export const REPORTS_DIR = fileURLToPath(new URL("./reports/", import.meta.url));
export const CONVERSATIONS_TARGET = 0.95;
const TURN_TIMEOUT_MS = 30_000;

export type LlmMode = "local" | "fake";

export interface ScenarioResult {
  id: string;
  flow: string;
  channel: string;
  passed: boolean;
  ms: number;
  checks: CheckResult[];
  turns: (TurnObservation & { sent: string })[];
  /** Seeded tables this scenario changed (their rows are lost for later scenarios). */
  isolation?: string[];
}

export interface ConversationsReport {
  mode: LlmMode;
  dataset: string;
  passed: number;
  total: number;
  rate: number;
  target: number;
  byFlow: { flow: string; passed: number; total: number }[];
  setupSeconds: number;
  seconds: number;
  turns: number;
  turnP50Ms: number;
  unchecked: number;
  fakeLlm?: FakeSalesLlm["counts"];
  scenarios: ScenarioResult[];
}

/** A clock the harness sets per scenario and moves forward between turns. */
function settableClock(): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = 0;
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

interface Env {
  container: Container;
  clock: ReturnType<typeof settableClock>;
  snapshot: SeedSnapshot;
  reps: Record<string, RepHours>;
  names: string[];
  leadColumns: Set<string>;
  meetingZone: boolean;
}

/**
 * `npm run eval -- conversations [--llm local|fake]`: builds the real container on an in-memory PGlite with
 * the demo loaded, drives each scenario of conversations.yaml through `container.handler` turn by turn on a
 * database reset to the seeded state, and checks per-turn structure and the database afterwards.
 */
export async function runConversationsEval(options: { llm?: LlmMode; datasetPath?: string; only?: readonly string[] } = {}): Promise<ConversationsReport> {
  const mode = options.llm ?? "local";
  const dataset = options.datasetPath ?? CONVERSATIONS_PATH;
  const file = parseScenarioFile(await fs.readFile(dataset, "utf8"));
  const scenarios = options.only?.length ? file.scenarios.filter((s) => options.only!.includes(s.id)) : file.scenarios;
  const started = performance.now();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "salesgraph-conv-eval-"));
  const db = await openDatabase({ dataDir, inMemory: true });
  let fake: { server: FakeOpenAi; llm: FakeSalesLlm } | undefined;
  let container: Container | undefined;
  try {
    const env: Record<string, string> = { LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: dataDir };
    if (mode === "fake") {
      const llm = createFakeSalesLlm();
      fake = { llm, server: await startFakeOpenAi({ respond: llm.respond }) };
      Object.assign(env, { LLM_PROVIDER: "openai", OPENAI_API_KEY: "test", OPENAI_BASE_URL: fake.server.url, LLM_TIMEOUT_MS: "5000" });
    }
    const clock = settableClock();
    clock.set(file.now);
    container = await createContainer(loadConfig(env), { db, clock, logger: silentLogger() });
    await loadDemo(db.pool, container.kb);
    const leadColumns = new Set(
      (await db.pool.query("select column_name from information_schema.columns where table_schema = 'public' and table_name = 'leads'")).rows.map((r) => r.column_name as string),
    );
    const ctx: Env = {
      container, clock, leadColumns,
      snapshot: await snapshotSeed(db.pool),
      reps: await repHours(db.pool),
      names: await internalNames(db.pool),
      meetingZone: await hasColumn(db.pool, "meetings", "time_zone"),
    };
    const setupSeconds = (performance.now() - started) / 1000;
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const isolation = await resetToSeed(db.pool, ctx.snapshot);
      if (isolation.length && results.length) results.at(-1)!.isolation = isolation;
      clock.set(scenario.now ?? file.now);
      results.push(await runScenario(scenario, ctx));
    }
    return summarize(mode, dataset, results, setupSeconds, (performance.now() - started) / 1000, fake?.llm.counts);
  } finally {
    await container?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await fake?.server.close().catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function runScenario(scenario: Scenario, env: Env): Promise<ScenarioResult> {
  const { container, clock } = env;
  const pool = container.db.pool;
  const started = performance.now();
  const startedAt = clock.now().toISOString();
  const conversations = new Map(conversationsOf(scenario).map((c) => [c.key, c]));
  const dbIds = new Map<string, string>();
  const lastOffer = new Map<string, Offer>();
  const seenMeetings = new Set<string>();
  const observation: Pick<ScenarioObservation, "offerBeforeBooking" | "bookedAt"> = { offerBeforeBooking: {}, bookedAt: {} };
  const turns: ScenarioResult["turns"] = [];
  const checks: CheckResult[] = [];

  for (const [index, turn] of scenario.turns.entries()) {
    const conv = conversations.get(turn.in ?? "main")!;
    if (turn.advanceHours) clock.advance(turn.advanceHours * 3_600_000);
    const offerBefore = lastOffer.get(conv.key);
    const filled = fillTemplate(turn.user, offerBefore);
    if (filled.error) {
      turns.push({ user: turn.user, sent: "", conversation: conv.key, replies: [], intents: [], error: `script: ${filled.error}`, ms: 0 });
      checks.push({ check: `turn ${index + 1} script`, status: "fail", expected: turn.user, actual: filled.error, turn: index + 1 });
      break;
    }
    const t0 = performance.now();
    let replies: OutboundMessage[] = [];
    let error: string | undefined;
    try {
      replies = await withTimeout(container.handler(inbound(conv, filled.text, clock.now(), `${scenario.id}-${index}`)), TURN_TIMEOUT_MS);
    } catch (e) {
      error = `turn threw: ${(e as Error).message}`;
    }
    const ms = performance.now() - t0;
    if (!dbIds.has(conv.key)) {
      const id = await conversationDbId(pool, conv.channel, conv.conversationId);
      if (id) dbIds.set(conv.key, id);
    }
    const state = await graphState(container, conv);
    const dbId = dbIds.get(conv.key);
    const offerAfter = (dbId ? await offerOf(pool, dbId) : undefined) ?? stateOffer(state);
    if (offerAfter) lastOffer.set(conv.key, offerAfter);
    for (const m of await meetingsOf(pool, [...dbIds.values()], false)) {
      if (seenMeetings.has(m.id)) continue;
      seenMeetings.add(m.id);
      observation.offerBeforeBooking[m.id] = offerBefore;
      observation.bookedAt[m.id] = clock.now().toISOString();
    }
    const pending = state?.["pendingAsk"] as { kind?: string; slot?: string } | undefined;
    turns.push({
      user: turn.user,
      sent: filled.text,
      conversation: conv.key,
      replies: replies.map((r) => r.text),
      intents: replies.map((r) => r.intent),
      ...(pending?.kind === "slot" && pending.slot ? { pendingSlot: pending.slot } : {}),
      ...(offerAfter ? { offerAfter } : {}),
      ...(error ? { error } : {}),
      ms,
    });
  }

  const target = conversations.get(scenario.outcome.profileOf ?? turns.at(-1)?.conversation ?? "main")!;
  const targetId = dbIds.get(target.key);
  const lead = targetId ? await leadOf(pool, targetId) : undefined;
  const stateProfile = ((await graphState(container, target))?.["profile"] ?? {}) as Record<string, unknown>;
  const profile: ScenarioObservation["profile"] = {};
  for (const slot of PROFILE_SLOTS) {
    const fromLead = leadValue(lead ?? Object.fromEntries([...env.leadColumns].map((c) => [c, undefined])), slot);
    if (fromLead.has) profile[slot] = { value: fromLead.value, source: "lead" };
    else if (stateProfile[slot] !== undefined) profile[slot] = { value: stateProfile[slot], source: "state" };
  }
  const obs: ScenarioObservation = {
    ...observation,
    now: startedAt,
    turns,
    meetings: await meetingsOf(pool, [...dbIds.values()], env.meetingZone),
    meetingsHaveTimeZone: env.meetingZone,
    repHours: env.reps,
    profile,
    handoffs: await handoffsOf(pool, [...dbIds.values()]),
    consent: await consentOf(pool, target.channel, target.actorId),
    internalNames: env.names,
    companyName: container.config.company.name,
  };
  turns.forEach((t, i) => checks.push(...checkTurn(scenario, i, t, profile)));
  checks.push(...checkDeclines(scenario, turns, profile));
  if (turns.length < scenario.turns.length) {
    checks.push({ check: "all turns ran", status: "fail", expected: scenario.turns.length, actual: turns.length });
  }
  checks.push(...checkOutcome(scenario.outcome, obs, turns.map((t) => t.sent)), ...checkInvariants(obs));
  return {
    id: scenario.id,
    flow: scenario.flow,
    channel: scenario.channel,
    passed: scenarioPassed(checks),
    ms: performance.now() - started,
    checks,
    turns,
  };
}

function inbound(conv: ScenarioConversation, text: string, at: Date, messageId: string): InboundMessage {
  return {
    channel: conv.channel,
    conversationId: conv.conversationId,
    actor: { id: conv.actorId, role: "prospect", tenant: "demo" },
    text,
    messageId,
    receivedAt: at,
    ...(conv.timeZone ? { timeZone: conv.timeZone } : {}),
    ...(conv.locale ? { locale: conv.locale } : {}),
  };
}

async function graphState(container: Container, conv: ScenarioConversation): Promise<Record<string, unknown> | undefined> {
  try {
    const snapshot = await container.graph.getState({ configurable: { thread_id: `${conv.channel}:${conv.conversationId}` } });
    return snapshot.values as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The offer the graph state waits on, when the database holds none (`pendingAsk` of kind option). */
function stateOffer(state: Record<string, unknown> | undefined): Offer | undefined {
  const ask = state?.["pendingAsk"] as { kind?: string; options?: { value?: string }[]; timeZone?: string } | undefined;
  if (ask?.kind !== "option" || !ask.options?.length) return undefined;
  const slots = ask.options.map((o) => o.value).filter((v): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v)));
  return slots.length ? { timeZone: ask.timeZone ?? "UTC", slots: slots.map((startsAt) => ({ startsAt })) } : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function summarize(
  mode: LlmMode, dataset: string, scenarios: ScenarioResult[], setupSeconds: number, seconds: number, fakeLlm?: FakeSalesLlm["counts"],
): ConversationsReport {
  const passed = scenarios.filter((s) => s.passed).length;
  const byFlow = FLOWS.map((flow) => {
    const of = scenarios.filter((s) => s.flow === flow);
    return { flow, passed: of.filter((s) => s.passed).length, total: of.length };
  }).filter((f) => f.total > 0);
  const turnMs = scenarios.flatMap((s) => s.turns.map((t) => t.ms)).sort((a, b) => a - b);
  return {
    mode, dataset: path.relative(process.cwd(), dataset), passed, total: scenarios.length,
    rate: scenarios.length ? passed / scenarios.length : 0, target: CONVERSATIONS_TARGET, byFlow,
    setupSeconds, seconds, turns: turnMs.length, turnP50Ms: turnMs[Math.floor(turnMs.length / 2)] ?? NaN,
    unchecked: scenarios.reduce((n, s) => n + s.checks.filter((c) => c.status === "unchecked").length, 0),
    ...(fakeLlm ? { fakeLlm } : {}),
    scenarios,
  };
}

const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\n/g, " ⏎ ");
const show = (v: unknown) => clip(typeof v === "string" ? v : JSON.stringify(v) ?? "undefined", 300);

/** The report: pass rate per flow, then each failure with its checks and the transcript. Writes the JSON too. */
export async function formatConversationsReport(report: ConversationsReport, reportsDir = REPORTS_DIR): Promise<string> {
  await fs.mkdir(reportsDir, { recursive: true });
  const jsonPath = path.join(reportsDir, `conversations-${report.mode}.json`);
  await fs.writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `mode: ${report.mode}${report.fakeLlm ? ` (fake model calls: ${report.fakeLlm.route} routing, ${report.fakeLlm.phrase} rewording, ${report.fakeLlm.other} other)` : ""}`,
    `dataset: ${report.dataset}; ${report.turns} turns, p50 ${report.turnP50Ms.toFixed(0)} ms/turn; setup ${report.setupSeconds.toFixed(1)} s, total ${report.seconds.toFixed(1)} s`,
    "",
    textTable(["flow", "passed", "total", "rate"], report.byFlow.map((f) => [f.flow, String(f.passed), String(f.total), percent(f.total ? f.passed / f.total : 0)])),
    "",
  ];
  for (const s of report.scenarios.filter((x) => !x.passed)) {
    lines.push(`FAIL ${s.id} (${s.flow}, ${s.channel})`);
    for (const c of s.checks.filter((x) => x.status === "fail")) {
      lines.push(`  ✗ ${c.check}: expected ${show(c.expected)}; got ${show(c.actual)}`);
    }
    s.turns.forEach((t, i) => {
      lines.push(`    ${i + 1}. [${t.conversation}] > ${clip(t.sent || t.user, 200)}`);
      lines.push(`       < ${t.replies.length ? t.replies.map((r, j) => `[${t.intents[j]}] ${clip(r)}`).join(" | ") : t.error ?? "(no reply)"}`);
    });
  }
  const isolation = report.scenarios.filter((s) => s.isolation?.length);
  for (const s of isolation) lines.push(`note: ${s.id} changed seeded rows (${s.isolation!.join(", ")}); later scenarios ran without them`);
  if (report.unchecked) lines.push(`note: ${report.unchecked} sub-check(s) unchecked (see the JSON report)`);
  lines.push(`report: ${path.relative(process.cwd(), jsonPath)}`);
  lines.push(`conversations: ${report.passed}/${report.total} passed (${percent(report.rate)}) — target ${percent(report.target, 0)}`);
  return lines.join("\n");
}
