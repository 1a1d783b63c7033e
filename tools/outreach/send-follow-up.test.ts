import { Annotation, Command, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import type { ApprovalRequest } from "../../src/core/approvals.js";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import type { OutreachCrm, OutreachRecipient } from "../../src/core/outreach.js";
import type { InviteEmail } from "../booking/mailer.js";
import { ToolRegistry } from "../registry.js";
import { createSendFollowUpTool, type SendFollowUpOutput } from "./send-follow-up.js";

const JANE: OutreachRecipient = { kind: "contact", id: "con_0001", name: "Jane Doe", email: "jane@globex.example", phone: "+14155550134", company: "Globex", timeZone: "America/New_York" };
const JOHN: OutreachRecipient = { ...JANE, id: "con_0002", name: "John Roe", email: "john@globex.example", phone: null };

function fakeCrm(): OutreachCrm & { activities: string[] } {
  const activities: string[] = [];
  const people = [JANE, JOHN];
  return {
    activities,
    findRecipients: async (q) => people.filter((p) => p.id === q.id || (q.name && p.name.toLowerCase() === q.name.toLowerCase())),
    accountNames: async () => ["Globex"],
    contactsOfAccount: async () => people,
    followUpContext: async () => ({ dealId: null, dealName: null, stage: null, nextStep: null, lastActivity: null }),
    findDeals: async () => [],
    logActivity: async (a) => (activities.push(`${a.kind}:${a.contactId}`), "act_1"),
    setNextStep: async () => ({ before: null }),
  };
}

function setup(options: { approvalRequired: boolean; withdrawn?: string[] }) {
  const sent: InviteEmail[] = [];
  const crm = fakeCrm();
  const tool = createSendFollowUpTool({
    crm,
    consents: { isWithdrawn: async (_c, identity, keys = []) => [identity, ...keys].some((k) => options.withdrawn?.includes(k)) },
    mailer: { enabled: true, send: async (e) => void sent.push(e) },
    sms: { enabled: false, send: async () => ({ status: "blocked", reason: "not_configured" }) },
    approvalRequired: options.approvalRequired,
    clock: fixedClock("2026-12-01T15:00:00Z"),
    logger: silentLogger(),
  });
  const tools = new ToolRegistry([tool]);
  const State = Annotation.Root({ input: Annotation<unknown>(), out: Annotation<SendFollowUpOutput | undefined>() });
  const graph = new StateGraph(State)
    .addNode("act", async (s) => ({
      out: await tools.call<SendFollowUpOutput>("send_follow_up", s.input, { actor: { id: "U0REP1", role: "rep", tenant: "demo" }, channel: "slack", conversationId: "c1" }),
    }))
    .addEdge(START, "act")
    .addEdge("act", END)
    .compile({ checkpointer: new MemorySaver() });
  return { sent, crm, graph };
}

const INPUT = { channel: "email", to: { name: "Jane Doe" }, subject: "Next steps", body: "Hi Jane, following up on the proposal." };
const thread = (id: string) => ({ configurable: { thread_id: id } });
const interruptsOf = (result: unknown) => (result as { __interrupt__?: { value: unknown }[] }).__interrupt__;

describe("send_follow_up and its approval", () => {
  it("pauses with an approval request that previews the CRM address, and sends nothing yet", async () => {
    const { sent, graph } = setup({ approvalRequired: true });
    const paused = await graph.invoke({ input: INPUT }, thread("a"));
    const request = interruptsOf(paused)?.[0]?.value as ApprovalRequest;
    expect(request).toMatchObject({ kind: "approval", action: "send_follow_up", requestedBy: "U0REP1", input: INPUT });
    expect(request.preview.summary).toBe("Email to Jane Doe (Globex) <jane@globex.example>: Next steps");
    expect(sent).toEqual([]);
  });

  it("sends on approve, exactly as requested, and logs the activity", async () => {
    const { sent, crm, graph } = setup({ approvalRequired: true });
    await graph.invoke({ input: INPUT }, thread("b"));
    const done = await graph.invoke(new Command({ resume: { decision: "approve", decidedBy: "Maria" } }), thread("b"));
    expect(done.out).toMatchObject({ status: "sent", to: { address: "jane@globex.example" }, approvedBy: "Maria", edited: false });
    expect(sent).toEqual([{ to: "jane@globex.example", subject: "Next steps", text: INPUT.body }]);
    expect(crm.activities).toEqual(["email:con_0001"]);
  });

  it("sends the edited text on edit", async () => {
    const { sent, graph } = setup({ approvalRequired: true });
    await graph.invoke({ input: INPUT }, thread("c"));
    const done = await graph.invoke(new Command({ resume: { decision: "edit", edits: { body: "Hi Jane, shorter." }, decidedBy: "Maria" } }), thread("c"));
    expect(done.out).toMatchObject({ status: "sent", edited: true, body: "Hi Jane, shorter." });
    expect(sent.map((e) => e.text)).toEqual(["Hi Jane, shorter."]);
  });

  it("refuses an edit that breaks the schema, and sends nothing", async () => {
    const { sent, graph } = setup({ approvalRequired: true });
    await graph.invoke({ input: INPUT }, thread("d"));
    const done = await graph.invoke(new Command({ resume: { decision: "edit", edits: { body: "" }, decidedBy: "Maria" } }), thread("d"));
    expect(done.out?.status).toBe("invalid_edit");
    expect(sent).toEqual([]);
  });

  it("never sends on reject", async () => {
    const { sent, crm, graph } = setup({ approvalRequired: true });
    await graph.invoke({ input: INPUT }, thread("e"));
    const done = await graph.invoke(new Command({ resume: { decision: "reject", decidedBy: "Maria" } }), thread("e"));
    expect(done.out).toEqual({ status: "rejected", decidedBy: "Maria" });
    expect(sent).toEqual([]);
    expect(crm.activities).toEqual([]);
  });

  it("sends at once when approvals are not required", async () => {
    const { sent, graph } = setup({ approvalRequired: false });
    const done = await graph.invoke({ input: INPUT }, thread("f"));
    expect(interruptsOf(done)).toBeUndefined();
    expect(done.out?.status).toBe("sent");
    expect(sent).toHaveLength(1);
  });

  it("does not ask for approval of a message to someone who opted out on another channel", async () => {
    const { sent, graph } = setup({ approvalRequired: true, withdrawn: ["phone:+14155550134"] });
    const done = await graph.invoke({ input: INPUT }, thread("g"));
    expect(interruptsOf(done)).toBeUndefined();
    expect(done.out).toMatchObject({ status: "blocked", reason: "no_consent" });
    expect(sent).toEqual([]);
  });

  it("takes the address only from the CRM: an unknown person or a missing number is not sent to", async () => {
    const { graph } = setup({ approvalRequired: true });
    expect((await graph.invoke({ input: { ...INPUT, to: { name: "Eve Mallory" } } }, thread("h"))).out?.status).toBe("not_found");
    const sms = await graph.invoke({ input: { channel: "sms", to: { id: "con_0002" }, body: "Hi" } }, thread("i"));
    expect(sms.out).toMatchObject({ status: "blocked", reason: "no_address" });
  });
});
