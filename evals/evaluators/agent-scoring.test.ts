import { describe, expect, it } from "vitest";
import { oracleCall } from "./agent-oracle.js";
import { AgentQuestion, parseAgentQuestions } from "./agent-questions.js";
import { matchesArg, median, scoreArguments, scoreToolChoice, summarizeAgentRuns, valueAt, type QuestionRun } from "./agent-scoring.js";

const question = (raw: Record<string, unknown>) => AgentQuestion.parse({ id: "q", role: "rep", text: "t", ...raw });

describe("agent eval scoring", () => {
  it("scores tool choice as sets, ignoring repeats and the tools listed as acceptable extras", () => {
    expect(scoreToolChoice(["crm_find_deals", "pipeline_review"], [], ["crm_find_deals", "crm_find_deals"])).toEqual({
      truePositives: 1, falsePositives: 0, falseNegatives: 1, exact: false,
    });
    expect(scoreToolChoice(["crm_find_deals"], ["pipeline_deal_predictions"], ["crm_find_deals", "pipeline_deal_predictions"])).toMatchObject({ falsePositives: 0, exact: true });
    expect(scoreToolChoice(["crm_find_deals"], [], ["crm_find_deals", "lead_scores"])).toMatchObject({ truePositives: 1, falsePositives: 1, exact: false });
    expect(scoreToolChoice([], [], [])).toMatchObject({ exact: true });
  });

  it("matches arguments by path, ignoring case, with contains, equals, oneOf, regex, absent and anyOf", () => {
    const input = { query: "How is Apex Telecom doing?", limit: 3, to: { name: "Caleb Richter" }, mode: "TOP" };
    expect(matchesArg(valueAt(input, "query"), { contains: "apex telecom" })).toBe(true);
    expect(matchesArg(valueAt(input, "limit"), 3)).toBe(true);
    expect(matchesArg(valueAt(input, "limit"), { equals: 5 })).toBe(false);
    expect(matchesArg(valueAt(input, "mode"), { oneOf: ["lookup", "top"] })).toBe(true);
    expect(matchesArg(valueAt(input, "to.name"), { matches: "^caleb" })).toBe(true);
    expect(matchesArg(valueAt(input, "to"), { contains: "Richter" })).toBe(true);
    expect(matchesArg(valueAt(input, "*"), { contains: "telecom" })).toBe(true);
    expect(matchesArg(valueAt(input, "period"), { absent: true })).toBe(true);
    expect(matchesArg(valueAt(input, "period"), { contains: "quarter" })).toBe(false);
    expect(matchesArg(valueAt(input, "period"), { anyOf: [{ equals: "this quarter" }, { absent: true }] })).toBe(true);
  });

  it("passes an argument check when any call of the tool satisfies it, and fails it when the tool is not called", () => {
    const q = question({
      expect: { tools: ["crm_find_deals", "pipeline_review"], args: { crm_find_deals: { query: { contains: "Apex" } }, pipeline_review: { "*": { contains: "EMEA" } } } },
    });
    const checks = scoreArguments(q, [
      { tool: "crm_find_deals", input: { query: "Globex" }, ok: true },
      { tool: "crm_find_deals", input: { query: "Apex Telecom" }, ok: true },
    ]);
    expect(checks).toEqual([
      { tool: "crm_find_deals", path: "query", called: true, ok: true },
      { tool: "pipeline_review", path: "*", called: false, ok: false },
    ]);
  });

  it("summarises known runs into precision, recall, exact set, argument accuracy, fallback rate, latency and guard catches", () => {
    const runs: QuestionRun[] = [
      {
        question: question({ id: "a", expect: { tools: ["crm_find_deals"], args: { crm_find_deals: { query: { contains: "Apex" } } } } }),
        calls: [{ tool: "crm_find_deals", input: { query: "Apex" }, ok: true }], outcome: "answered", latencyMs: 100, reply: "",
      },
      {
        question: question({ id: "b", role: "manager", expect: { tools: ["pipeline_review", "lead_scores"], args: { pipeline_review: { region: "EMEA" } } } }),
        calls: [{ tool: "pipeline_review", input: { region: "APAC" }, ok: true }, { tool: "segment_insight", input: {}, ok: true }],
        outcome: "fallback", reason: "no answer within 4 model calls", latencyMs: 300, reply: "",
      },
      {
        question: question({ id: "c", role: "prospect", text: "price?", expect: { tools: ["knowledge_search"] }, fakeReply: "It costs $1." }),
        calls: [], outcome: "fallback", reason: "ungrounded: $1", latencyMs: 200, reply: "",
      },
      { question: question({ id: "d", role: "prospect", text: "sso?", expect: { tools: ["knowledge_search"] } }), calls: [], outcome: "answered", latencyMs: 400, reply: "" },
    ];
    const s = summarizeAgentRuns(runs, { scripted: true });
    // tp 2 (crm_find_deals, pipeline_review), fp 1 (segment_insight), fn 1 (lead_scores)
    expect(s.internal).toEqual({
      questions: 2, precision: 2 / 3, recall: 2 / 3, exactSetAccuracy: 0.5, argChecks: 2, argAccuracy: 0.5, argAccuracyWhenCalled: 0.5,
    });
    expect(s.outcomes).toEqual({ answered: 2, fallback: 2, paused: 0, no_agent: 0, error: 0 });
    expect(s.fallbackRate).toBe(0.5);
    expect(s.medianLatencyMs).toBe(250);
    expect(s.guard).toEqual({
      prospects: 2, replaced: 1, catches: [{ id: "c", reason: "ungrounded: $1" }], scripted: { inventions: 1, caught: 1, otherCatches: 0 },
    });
    expect(s.perTool.find((t) => t.tool === "segment_insight")).toEqual({ tool: "segment_insight", expected: 0, hit: 0, extra: 1 });
  });

  it("takes the median of an odd and an even count, and none of nothing", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("lets the oracle build calls that satisfy their own labels, inside objects and with required fields filled", () => {
    const q = question({
      expect: { tools: ["send_follow_up"], args: { send_follow_up: { channel: "email", to: { contains: "Caleb Richter" }, dealId: { absent: true } } } },
    });
    const parameters = {
      type: "object",
      required: ["channel", "to", "body"],
      properties: {
        channel: { type: "string", enum: ["sms", "email"] },
        to: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
        body: { type: "string" },
        dealId: { type: "string" },
      },
    };
    const call = oracleCall(q, "send_follow_up", parameters);
    expect(call.arguments).toEqual({ channel: "email", to: { name: "Caleb Richter" }, body: "as discussed" });
    expect(scoreArguments(q, [{ tool: "send_follow_up", input: call.arguments, ok: true }]).every((c) => c.ok)).toBe(true);
  });

  it("rejects a dataset line with arguments for a tool it does not expect, naming the line", () => {
    const bad = JSON.stringify({ id: "x", role: "rep", text: "hi", expect: { tools: [], args: { crm_find_deals: { query: "a" } } } });
    expect(() => parseAgentQuestions(`\n${bad}\n`)).toThrow(/line 2: args for crm_find_deals/);
  });
});

describe("agent questions dataset", () => {
  it("holds at least 60 labelled rep and manager questions and a set of prospect questions", async () => {
    const fs = await import("node:fs/promises");
    const questions = parseAgentQuestions(await fs.readFile(new URL("../datasets/agent-questions.jsonl", import.meta.url), "utf8"));
    expect(questions.filter((q) => q.role !== "prospect").length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((q) => q.role === "prospect").length).toBeGreaterThanOrEqual(10);
    expect(questions.filter((q) => q.fakeReply !== undefined).length).toBeGreaterThan(0);
  });
});
