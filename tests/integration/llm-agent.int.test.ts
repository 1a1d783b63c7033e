import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Container } from "../../src/app/container.js";
import type { Actor, Channel, Intent } from "../../src/core/domain.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { startSlackStreamHarness } from "../helpers/slack-stream-harness.js";
import { startFakeOpenAi, type ChatCompletionRequest, type FakeOpenAi, type FakeReply } from "../fakes/openai-server.js";
import type { TestDatabase } from "../helpers/databases.js";
import { startDemoContainer, type DemoContainer } from "../helpers/demo-container.js";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp.js";

const KEY = "sk-agent-test";

/**
 * The tool-calling agent against a scripted OpenAI-compatible server (real client, real protocol): routing
 * calls are answered with the intent the test names; agent calls replay the test's script in order.
 */
describe("LLM agent mode", () => {
  let fake: FakeOpenAi;
  let db: TestDatabase;
  let container: Container;
  let demo: DemoContainer;
  let smtp: TestSmtp;
  let route: Intent = "deal_insight";
  let agentScript: FakeReply[] = [];
  let n = 0;

  const isRouting = (r: ChatCompletionRequest) => JSON.stringify(r.tool_choice ?? "").includes("route_intent");
  const agentCalls = () => fake.completions.filter((r) => !isRouting(r) && (r.tools?.length ?? 0) > 0);

  beforeAll(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
    smtp = await startTestSmtp();
    demo = await startDemoContainer("pglite", {
      now: "2026-11-30T14:00:00Z",
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: "1500", AGENT_MAX_STEPS: "4", SMTP_URL: smtp.url },
    });
    ({ db, container } = demo);
  });

  afterAll(async () => {
    await demo?.close();
    await fake?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    fake.reset();
    agentScript = [];
    fake.respondWith((request) => {
      if (isRouting(request)) return { toolCalls: [{ name: "route_intent", arguments: { intent: route } }] };
      if ((request.tools?.length ?? 0) > 0) return agentScript.shift() ?? { text: "No more script." };
      return { text: String((request.messages.at(-1)?.content as string | undefined)?.split("Draft:\n").at(-1) ?? "") };
    });
  });

  async function ask(text: string, role: Actor["role"] = "rep", channel: Channel = role === "prospect" ? "web" : "slack") {
    const id = `agent-${++n}`;
    const [out] = await container.handler({ channel, conversationId: id, actor: { id: role === "prospect" ? id : "U-rep-1", role, tenant: "demo" }, text });
    const state = await container.graph.getState({ configurable: { thread_id: `${channel}:${id}` } });
    return { text: out?.text ?? "", intent: out?.intent, state: state.values };
  }

  const dealOf = async () => (await db.pool.query("select a.name from deals d join accounts a on a.id = d.account_id where d.stage not like 'closed%' limit 1")).rows[0].name as string;

  it("answers a rep's compound question with two tools called in parallel, then from their results", async () => {
    const account = await dealOf();
    route = "deal_insight";
    agentScript = [
      { toolCalls: [{ name: "crm_find_deals", arguments: { query: account } }, { name: "pipeline_review", arguments: { query: "this quarter" } }] },
      { text: `The ${account} deal is open; the pipeline review is in.` },
    ];
    const res = await ask(`How is the ${account} deal going, and how does the pipeline look this quarter?`);
    expect(res.text).toBe(`The ${account} deal is open; the pipeline review is in.`);
    expect(res.state.agentOutcome).toMatchObject({ status: "answered", steps: 2 });
    expect(res.state.toolResults.map((r: { tool: string; ok: boolean }) => [r.tool, r.ok])).toEqual(
      expect.arrayContaining([["crm_find_deals", true], ["pipeline_review", true]]),
    );
    const calls = agentCalls();
    expect(calls).toHaveLength(2);
    const second = calls[1]!.messages.filter((m) => m.role === "tool");
    expect(second).toHaveLength(2);
    expect(String(second[0]!.content)).toContain(account);
    expect(JSON.stringify(calls[0]!.messages[0])).toMatch(/REP of the .* sales team/);
  });

  it("runs tools over several steps and returns malformed arguments to the model as an error", async () => {
    const account = await dealOf();
    route = "pipeline_review";
    agentScript = [
      { toolCalls: [{ name: "crm_find_deals", arguments: "{not json" }] },
      { toolCalls: [{ name: "crm_find_deals", arguments: { query: account, limit: 500 } }] },
      { toolCalls: [{ name: "crm_find_deals", arguments: { query: account } }] },
      { text: "Found it." },
    ];
    const res = await ask(`what's happening with ${account}?`);
    expect(res.text).toBe("Found it.");
    const toolMessages = agentCalls().at(-1)!.messages.filter((m) => m.role === "tool").map((m) => String(m.content));
    expect(toolMessages[0]).toMatch(/error/i);
    expect(toolMessages[1]).toMatch(/error/i);
    expect(toolMessages[2]).toContain(account);
  });

  it("refuses a forged internal tool call from a prospect conversation, counts it, and leaks nothing", async () => {
    const account = await dealOf();
    route = "product_question";
    agentScript = [
      { toolCalls: [{ name: "crm_find_deals", arguments: { query: account } }] },
      { text: "I can't share that, but I can tell you about our products." },
    ];
    const res = await ask(`Show me the ${account} deal`, "prospect");
    expect(res.text).not.toContain(account);
    const offered = agentCalls()[0]!.tools!.map((t) => t.function.name);
    expect(offered).not.toContain("crm_find_deals");
    const toolMessage = agentCalls()[1]!.messages.find((m) => m.role === "tool");
    expect(String(toolMessage?.content)).toMatch(/not available to a prospect/);
    const metrics = await container.metrics.registry.getSingleMetricAsString("salesgraph_agent_tool_refusals_total");
    expect(metrics).toMatch(/tool="crm_find_deals"} 1/);
  });

  it("catches an invented price in a prospect reply and sends the deterministic answer instead", async () => {
    route = "pricing";
    agentScript = [
      { toolCalls: [{ name: "knowledge_search", arguments: { query: "Helix Pro price" } }] },
      { text: "Helix Pro costs $29,000 per year, and we'll add a 20% discount [1]." },
    ];
    const res = await ask("How much is Helix Pro?", "prospect");
    expect(res.text).not.toMatch(/29,000|20%/);
    expect(res.text).toMatch(/\$36,000/);
    expect(res.state.agentOutcome).toMatchObject({ status: "fallback", reason: expect.stringMatching(/ungrounded/) });
    expect(await container.metrics.registry.getSingleMetricAsString("salesgraph_grounding_catches_total")).toMatch(/ 1$/m);
  });

  it("passes a grounded prospect answer through, with its citation", async () => {
    route = "pricing";
    agentScript = [
      { toolCalls: [{ name: "knowledge_search", arguments: { query: "Helix Pro list price" } }] },
      { text: "Helix Pro has a list price of $36,000 per year [1]." },
    ];
    const res = await ask("What does Helix Pro cost per year?", "prospect");
    expect(res.text).toMatch(/^Helix Pro has a list price of \$36,000 per year \[1\]\./);
    expect(res.state.agentOutcome).toMatchObject({ status: "answered" });
  });

  it("falls back to the deterministic node when the model times out", async () => {
    route = "pipeline_review";
    agentScript = [{ text: "The pipeline is", delayMs: 5_000 }];
    const res = await ask("how does the pipeline look?");
    expect(res.state.agentOutcome).toMatchObject({ status: "fallback" });
    expect(res.text).toMatch(/open/i);
    expect(res.text).not.toContain("The pipeline is");
  });

  it("answers a prospect in their own language, with the guard applied", async () => {
    route = "pricing";
    agentScript = [
      { toolCalls: [{ name: "knowledge_search", arguments: { query: "Helix Pro list price" } }] },
      { text: "Helix Pro tiene un precio de lista de 36.000 $ al año [1]." },
    ];
    const res = await ask("Hola, ¿cuánto cuesta Helix Pro al año para nuestro equipo de ventas?", "prospect");
    expect(JSON.stringify(agentCalls()[0]!.messages[0])).toMatch(/Reply in Spanish/);
    expect(res.text).toMatch(/^Helix Pro tiene un precio de lista de 36\.000 \$ al año \[1\]\./);
    expect(res.state.agentOutcome).toMatchObject({ status: "answered" });
  });

  it("streams a rep's two-tool answer from Slack into one message updated in place", async () => {
    const account = await dealOf();
    route = "deal_insight";
    const answer = `The ${account} deal is in good shape and the pipeline for this quarter is healthy, with the biggest deals moving.`;
    agentScript = [
      { toolCalls: [{ name: "crm_find_deals", arguments: { query: account } }, { name: "pipeline_review", arguments: { query: "this quarter" } }] },
      { text: answer, stream: { chunkDelayMs: 60 } },
    ];
    const slack = await startFakeSlackApi();
    const harness = await startSlackStreamHarness(slack, container.handler, { firstAfterMs: 50, intervalMs: 150 });
    try {
      await harness.mention(`how is the ${account} deal and the pipeline this quarter?`);
      await slack.waitFor("chat.postMessage");
      await harness.close();
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
      const updates = slack.callsTo("chat.update");
      expect(updates.length).toBeGreaterThanOrEqual(2);
      expect(updates.some((u) => String(u.body.text).length < answer.length)).toBe(true);
      expect(String(updates.at(-1)!.body.text)).toContain(answer);
      expect(agentCalls()[1]!.messages.filter((m) => m.role === "tool")).toHaveLength(2);
    } finally {
      await harness.close();
      await slack.close();
    }
  });

  it("pauses a follow-up the agent drafts for approval, and sends it only when a manager approves", async () => {
    const contact = (await db.pool.query("select id, email from contacts where email is not null order by id limit 1")).rows[0] as { id: string; email: string };
    route = "content_request";
    agentScript = [
      { toolCalls: [{ name: "send_follow_up", arguments: { channel: "email", to: { id: contact.id }, subject: "Next steps", body: "Thanks for the call today." } }] },
      { text: "The follow-up went out." },
    ];
    const paused = await ask("send them a follow-up email about next steps");
    expect(paused.text, JSON.stringify(paused.state.toolResults)).toMatch(/approval \(AP-/i);
    expect(agentCalls()).toHaveLength(1);
    const approval = (await db.pool.query("select id from approvals where status = 'pending' order by id desc limit 1")).rows[0] as { id: string };
    expect(smtp.received.some((m) => m.includes("Thanks for the call today."))).toBe(false);
    const sentBefore = (await db.pool.query("select count(*)::int as n from activities where contact_id = $1 and kind = 'email'", [contact.id])).rows[0].n;
    const decided = await container.approvals.desk.decide({ id: approval.id, decision: "approve", approver: { id: "slack:T0001:U0MGR1", name: "Morgan Manager" } });
    expect(decided.status).toBe("decided");
    // resumed at the tool: the model's first step is not asked again, only its answer after the tool ran
    expect(agentCalls()).toHaveLength(2);
    expect(String(agentCalls()[1]!.messages.find((m) => m.role === "tool")?.content)).not.toMatch(/rejected/i);
    const sentAfter = (await db.pool.query("select count(*)::int as n from activities where contact_id = $1 and kind = 'email'", [contact.id])).rows[0].n;
    expect(sentAfter).toBe(sentBefore + 1);
    expect(smtp.received.some((m) => m.includes(contact.email) && m.includes("Thanks for the call today."))).toBe(true);
  });
});

