import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Annotation, Command, END, interrupt, MemorySaver, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchedPostgresSaver } from "../../src/infra/postgres/batched-checkpoint-saver.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

/** A state with many channels, like the sales graph's, and a node that pauses for approval. */
const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  turns: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  intent: Annotation<string>(),
  reply: Annotation<string>(),
  profile: Annotation<Record<string, string>>({ reducer: (a, b) => ({ ...a, ...b }), default: () => ({}) }),
  approved: Annotation<boolean | undefined>(),
  empty: Annotation<string | undefined>(),
});

function buildGraph(checkpointer: PostgresSaver | MemorySaver) {
  return new StateGraph(State)
    .addNode("answer", (state) => {
      const text = String(state.messages.at(-1)?.content ?? "");
      return {
        turns: 1,
        intent: text.includes("approve") ? "needs_approval" : "smalltalk",
        reply: `turn ${state.turns + 1}: ${text}`,
        profile: { [`k${state.turns}`]: text },
        messages: [new AIMessage(`turn ${state.turns + 1}`)],
      };
    })
    .addNode("approve", () => ({ approved: interrupt({ question: "send it?" }) as boolean }))
    .addEdge(START, "answer")
    .addConditionalEdges("answer", (s) => (s.intent === "needs_approval" ? "approve" : END), ["approve", END])
    .addEdge("approve", END)
    .compile({ checkpointer });
}

describe.each(kinds)("checkpoints written in one statement on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await new PostgresSaver(db.pool).setup();
  });
  afterAll(() => db?.dispose());

  it("saves the same state the stock saver does, and each reads the other's checkpoints", async () => {
    const batched = buildGraph(new BatchedPostgresSaver(db.pool));
    const stock = buildGraph(new PostgresSaver(db.pool));
    const reference = buildGraph(new MemorySaver());
    const config = (thread: string) => ({ configurable: { thread_id: thread }, durability: "exit" as const });
    for (const text of ["hello", "my name is Ada", "and again"]) {
      await batched.invoke({ messages: [new HumanMessage(text)] }, config("b"));
      await reference.invoke({ messages: [new HumanMessage(text)] }, config("r"));
    }
    // the stock saver continues a thread the batched one wrote
    await stock.invoke({ messages: [new HumanMessage("from stock")] }, config("b"));
    await reference.invoke({ messages: [new HumanMessage("from stock")] }, config("r"));
    const [b, r] = [await batched.getState(config("b")), await reference.getState(config("r"))];
    const strip = (v: Record<string, unknown>) => ({ ...v, messages: (v.messages as { content: unknown }[]).map((m) => m.content) });
    expect(strip(b.values)).toEqual(strip(r.values));
    expect((await stock.getState(config("b"))).values.turns).toBe(4);
  });

  it("pauses at interrupt() and resumes from the pending writes it stored", async () => {
    const graph = buildGraph(new BatchedPostgresSaver(db.pool));
    const config = { configurable: { thread_id: "approval" } };
    const paused = await graph.invoke({ messages: [new HumanMessage("please approve this")] }, config);
    expect((paused as { __interrupt__?: { value: unknown }[] }).__interrupt__?.[0]?.value).toEqual({ question: "send it?" });
    const { rows } = await db.pool.query("select count(*)::int as n from checkpoint_writes where thread_id = 'approval'");
    expect(rows[0].n).toBeGreaterThan(0);
    const done = await graph.invoke(new Command({ resume: true }), config);
    expect(done.approved).toBe(true);
  });
});
