import type { AgentQuestion, ArgMatcher } from "./agent-questions.js";

/** One tool call the agent made in a turn (valid or not: the choice counts either way). */
export interface ObservedCall {
  tool: string;
  input: unknown;
  ok: boolean;
}

/** answered/fallback: the agent's own outcome; paused: an approval interrupt; no_agent: routed to a node. */
export type TurnOutcome = "answered" | "fallback" | "paused" | "no_agent" | "error";

export interface QuestionRun {
  question: AgentQuestion;
  calls: ObservedCall[];
  outcome: TurnOutcome;
  reason?: string;
  latencyMs: number;
  reply: string;
}

export interface ToolChoiceScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Every expected tool called and nothing else called (extras in alsoOk allowed). */
  exact: boolean;
}

/** Tool choice as sets: a tool called twice counts once; tools in `alsoOk` are neither hits nor mistakes. */
export function scoreToolChoice(expected: readonly string[], alsoOk: readonly string[], called: readonly string[]): ToolChoiceScore {
  const want = new Set(expected);
  const got = new Set(called);
  const truePositives = [...got].filter((t) => want.has(t)).length;
  const falsePositives = [...got].filter((t) => !want.has(t) && !alsoOk.includes(t)).length;
  const falseNegatives = [...want].filter((t) => !got.has(t)).length;
  return { truePositives, falsePositives, falseNegatives, exact: falsePositives === 0 && falseNegatives === 0 };
}

/** The value at a dotted path of a tool input; `*` is the whole input. */
export function valueAt(input: unknown, path: string): { present: boolean; value: unknown } {
  if (path === "*") return { present: input !== undefined, value: input };
  let value: unknown = input;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !(key in value)) return { present: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { present: value !== undefined && value !== null, value };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "";
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim().toLowerCase() === b.trim().toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a present or absent argument satisfies a matcher. Text comparisons ignore case. */
export function matchesArg(found: { present: boolean; value: unknown }, matcher: ArgMatcher): boolean {
  if (typeof matcher !== "object") return found.present && looselyEqual(found.value, matcher);
  if ("absent" in matcher) return !found.present;
  if ("anyOf" in matcher) return matcher.anyOf.some((m) => matchesArg(found, m));
  if (!found.present) return false;
  if ("contains" in matcher) return text(found.value).toLowerCase().includes(matcher.contains.toLowerCase());
  if ("equals" in matcher) return looselyEqual(found.value, matcher.equals);
  if ("oneOf" in matcher) return matcher.oneOf.some((v) => looselyEqual(found.value, v));
  return new RegExp(matcher.matches, "i").test(text(found.value));
}

export interface ArgCheck {
  tool: string;
  path: string;
  /** Whether the tool was called at all. */
  called: boolean;
  /** Some call of the tool satisfied the matcher. */
  ok: boolean;
}

/** One check per labelled argument: passed when any call of that tool satisfies it; failed when the tool is not called. */
export function scoreArguments(question: Pick<AgentQuestion, "expect">, calls: readonly ObservedCall[]): ArgCheck[] {
  return Object.entries(question.expect.args).flatMap(([tool, fields]) => {
    const ofTool = calls.filter((c) => c.tool === tool);
    return Object.entries(fields).map(([path, matcher]) => ({
      tool,
      path,
      called: ofTool.length > 0,
      ok: ofTool.some((c) => matchesArg(valueAt(c.input, path), matcher)),
    }));
  });
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export interface GuardCatch {
  id: string;
  reason: string;
}

export interface AgentSummary {
  internal: {
    questions: number;
    precision: number | null;
    recall: number | null;
    exactSetAccuracy: number | null;
    argChecks: number;
    argAccuracy: number | null;
    /** Argument accuracy over checks whose tool was called: filling, apart from choosing. */
    argAccuracyWhenCalled: number | null;
  };
  outcomes: Record<TurnOutcome, number>;
  /** Turns the agent gave up on (error, timeout, step limit, ungrounded), over all questions. */
  fallbackRate: number | null;
  medianLatencyMs: number | null;
  guard: {
    prospects: number;
    /** Prospect replies the grounding guard replaced with the deterministic answer. */
    replaced: number;
    catches: GuardCatch[];
    /** Fake run only: scripted inventions (questions with a fakeReply) caught, and catches of anything else. */
    scripted?: { inventions: number; caught: number; otherCatches: number };
  };
  /** Per tool: how often it was expected, called when expected, and called when not. */
  perTool: { tool: string; expected: number; hit: number; extra: number }[];
}

const isCatch = (run: QuestionRun) => run.outcome === "fallback" && (run.reason ?? "").startsWith("ungrounded");

export function summarizeAgentRuns(runs: readonly QuestionRun[], options: { scripted?: boolean } = {}): AgentSummary {
  const internal = runs.filter((r) => r.question.role !== "prospect");
  const prospects = runs.filter((r) => r.question.role === "prospect");
  let tp = 0, fp = 0, fn = 0, exact = 0;
  const perTool = new Map<string, { expected: number; hit: number; extra: number }>();
  const row = (tool: string) => perTool.get(tool) ?? perTool.set(tool, { expected: 0, hit: 0, extra: 0 }).get(tool)!;
  const checks: ArgCheck[] = [];
  for (const run of internal) {
    const called = run.calls.map((c) => c.tool);
    const s = scoreToolChoice(run.question.expect.tools, run.question.expect.alsoOk, called);
    tp += s.truePositives;
    fp += s.falsePositives;
    fn += s.falseNegatives;
    if (s.exact) exact++;
    for (const tool of run.question.expect.tools) {
      row(tool).expected++;
      if (called.includes(tool)) row(tool).hit++;
    }
    for (const tool of new Set(called)) {
      if (!run.question.expect.tools.includes(tool) && !run.question.expect.alsoOk.includes(tool)) row(tool).extra++;
    }
    checks.push(...scoreArguments(run.question, run.calls));
  }
  const outcomes: Record<TurnOutcome, number> = { answered: 0, fallback: 0, paused: 0, no_agent: 0, error: 0 };
  for (const run of runs) outcomes[run.outcome]++;
  const catches = prospects.filter(isCatch).map((r) => ({ id: r.question.id, reason: r.reason ?? "" }));
  const inventions = prospects.filter((r) => r.question.fakeReply !== undefined);
  const calledChecks = checks.filter((c) => c.called);
  return {
    internal: {
      questions: internal.length,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      exactSetAccuracy: ratio(exact, internal.length),
      argChecks: checks.length,
      argAccuracy: ratio(checks.filter((c) => c.ok).length, checks.length),
      argAccuracyWhenCalled: ratio(calledChecks.filter((c) => c.ok).length, calledChecks.length),
    },
    outcomes,
    fallbackRate: ratio(outcomes.fallback, runs.length),
    medianLatencyMs: median(runs.map((r) => r.latencyMs)),
    guard: {
      prospects: prospects.length,
      replaced: catches.length,
      catches,
      ...(options.scripted
        ? {
            scripted: {
              inventions: inventions.length,
              caught: inventions.filter(isCatch).length,
              otherCatches: prospects.filter((r) => r.question.fakeReply === undefined && isCatch(r)).length,
            },
          }
        : {}),
    },
    perTool: [...perTool.entries()].map(([tool, v]) => ({ tool, ...v })).sort((a, b) => a.tool.localeCompare(b.tool)),
  };
}
