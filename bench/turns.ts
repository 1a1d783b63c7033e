import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { MessagesAnnotation, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { createContainer, type Container } from "../src/app/container.js";
import { loadDemo } from "../src/app/demo.js";
import { loadConfig } from "../src/core/config.js";
import { silentLogger } from "../src/core/logger.js";
import { migrate } from "../src/infra/postgres/migrate.js";
import { BatchedPostgresSaver } from "../src/infra/postgres/batched-checkpoint-saver.js";
import { openDatabase, type Database } from "../src/infra/postgres/pool.js";
import { fmt, summarize, timedPool } from "./stats.js";

const MESSAGES = [
  "hi there",
  "thanks!",
  "I can't log in, the reset link is broken",
  "can I speak to a real person?",
  "who are you?",
  "good morning",
];

/** Prospect questions the knowledge base answers (retrieval + grounded answer). */
const KB_QUESTIONS = [
  "Is Helix SOC 2 compliant?",
  "Does it connect to Snowflake?",
  "Do you support single sign-on with SAML?",
  "What uptime do you guarantee on the Enterprise plan?",
  "Is there a free trial?",
  "Where is our data hosted, and is it encrypted at rest?",
];

/** What a prospect says once demo times are on offer: a detail (the flow goes on) or a pick (it books). */
const IN_FLOW = ["we're about 40 people and the budget is around 50k", "the second one", "my name is Sam Rivera, I'm at Northpoint", "Tuesday at 11am works"];

interface Row {
  database: string;
  graph: string;
  p50: number;
  p99: number;
  turnsPerSecond: number;
}

async function measure(label: string, database: string, turn: (conversation: number, i: number) => Promise<unknown>, n: number) {
  // warm-up: first turns pay for JIT, prepared statements and checkpoint tables
  await timedPool(20, 1, (i) => turn(1000 + i, i));
  const sequential = await timedPool(n, 1, (i) => turn(i % 25, i));
  const concurrent = await timedPool(n, 20, (i) => turn(100 + (i % 50), i));
  const s = summarize(sequential.samples);
  return { database, graph: label, p50: s.p50, p99: s.p99, turnsPerSecond: n / concurrent.seconds } satisfies Row;
}

const prospectTurn = (container: Container, conversation: string, text: string) =>
  container.handler({ channel: "web", conversationId: conversation, actor: { id: `visitor-${conversation}`, role: "prospect", tenant: "demo" }, text });

/**
 * Turns inside the booking flow: each timed turn is the next message of its own conversation, which was
 * first brought (untimed) to the point where demo times are on offer. Warm-up, sequential and concurrent
 * phases as in `measure`.
 */
async function measureBookingFlow(container: Container, database: string, n: number): Promise<Row & { note?: string }> {
  const total = 20 + 2 * n;
  const ids = Array.from({ length: total }, (_, k) => `bench-flow-${database}-${k}`);
  await timedPool(total, 8, (k) => prospectTurn(container, ids[k]!, `I'd like a demo, my email is flow${k}@bench.example.com`));
  const { rows } = await container.db.pool.query(
    "select count(*)::int as n from demo_offers o join conversations c on c.id = o.conversation_id where c.external_id = any($1)",
    [ids],
  );
  const offered = rows[0].n as number;
  const text = (k: number) => IN_FLOW[k % IN_FLOW.length]!;
  await timedPool(20, 1, (k) => prospectTurn(container, ids[k]!, text(k)));
  const sequential = await timedPool(n, 1, (k) => prospectTurn(container, ids[20 + k]!, text(k)));
  const concurrent = await timedPool(n, 20, (k) => prospectTurn(container, ids[20 + n + k]!, text(k)));
  const s = summarize(sequential.samples);
  return {
    database,
    graph: "salesgraph (booking-flow turn: pick or detail after an offer)",
    p50: s.p50,
    p99: s.p99,
    turnsPerSecond: n / concurrent.seconds,
    ...(offered < total ? { note: `only ${offered} of ${total} prepared conversations had demo times on offer` } : {}),
  };
}

async function benchDatabase(db: Database, n: number, kbTurns: number, flowTurns: number): Promise<Row[]> {
  await migrate(db.pool);
  const container = await createContainer(loadConfig({ LOG_LEVEL: "silent" }), { db, logger: silentLogger() });
  await loadDemo(db.pool, container.kb);
  const ours = await measure("salesgraph (routed turn, local mode)", db.kind, (c, i) =>
    prospectTurn(container, `bench-${db.kind}-${c}`, MESSAGES[i % MESSAGES.length]!),
  n);
  let notAnswered = 0;
  const knowledge: Row & { note?: string } = await measure("salesgraph (knowledge-base turn)", db.kind, async (c, i) => {
    const replies = await prospectTurn(container, `bench-kb-${db.kind}-${c}`, KB_QUESTIONS[i % KB_QUESTIONS.length]!);
    // both are answered from the knowledge base (DESIGN.md intent table)
    if (replies[0]?.intent !== "product_question" && replies[0]?.intent !== "pricing") notAnswered++;
  }, kbTurns);
  if (notAnswered) knowledge.note = `${notAnswered} of ${20 + 2 * kbTurns} questions were not answered from the knowledge base (intent other than product_question or pricing)`;
  const booking = await measureBookingFlow(container, db.kind, flowTurns);
  await container.close();

  const checkpointer = new PostgresSaver(db.pool);
  await checkpointer.setup();
  // the baseline of the ratio: LangGraph's stock saver; the same one-node graph on the saver the app uses is shown too
  const bareOn = (saver: PostgresSaver, prefix: string) => {
    const bare = new StateGraph(MessagesAnnotation)
      .addNode("reply", async () => ({ messages: [new AIMessage("ok")] }))
      .addEdge("__start__", "reply")
      .compile({ checkpointer: saver });
    return (c: number, i: number) =>
      bare.invoke({ messages: [new HumanMessage(MESSAGES[i % MESSAGES.length]!)] }, { configurable: { thread_id: `${prefix}-${c}` }, durability: "exit" });
  };
  const baseline = await measure("bare LangGraph (1 node, same checkpointer)", db.kind, bareOn(checkpointer, "bare"), n);
  const batchedBaseline = await measure("bare LangGraph (1 node, the app's batched saver)", db.kind, bareOn(new BatchedPostgresSaver(db.pool), "bare-batched"), n);
  return [ours, knowledge, booking, baseline, batchedBaseline];
}

export async function benchTurns(options: { turns: number; flowTurns?: number; postgresUrl?: string }): Promise<string> {
  const rows: (Row & { note?: string })[] = [];
  // bounded so the whole benchmark stays under two minutes: a booking-flow turn costs ~4 routed turns plus its setup
  const flowTurns = options.flowTurns ?? Math.min(options.turns, 50);
  const kbTurns = Math.min(options.turns, 150);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-bench-"));
  const embedded = await openDatabase({ dataDir: dir });
  try {
    rows.push(...(await benchDatabase(embedded, options.turns, kbTurns, flowTurns)));
  } finally {
    await embedded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (options.postgresUrl) {
    const name = `sg_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(options.postgresUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ url: url.toString(), dataDir: "", poolMax: 10 });
      try {
        rows.push(...(await benchDatabase(db, options.turns, kbTurns, flowTurns)));
      } finally {
        await db.close();
        await admin.query(`drop database if exists ${name} with (force)`);
      }
    } catch (error) {
      rows.push({ database: `postgres (skipped: ${(error as Error).message})`, graph: "-", p50: NaN, p99: NaN, turnsPerSecond: NaN });
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  const lines = [
    `Turn latency (sequential: ${options.turns} routed, ${kbTurns} knowledge, ${flowTurns} booking-flow turns) and throughput (20 concurrent conversations); demo CRM and knowledge base loaded`,
    "database | graph | p50 ms | p99 ms | turns/s | turns/s vs bare",
    "---|---|---|---|---|---",
  ];
  for (const r of rows) {
    const bare = rows.find((b) => b.database === r.database && b.graph.startsWith("bare"));
    const ratio = bare ? r.turnsPerSecond / bare.turnsPerSecond : NaN;
    lines.push(`${r.database} | ${r.graph} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.turnsPerSecond, 0)} | ${fmt(ratio, 2)}`);
  }
  for (const r of rows.filter((x) => x.note)) lines.push(`note (${r.database}, ${r.graph}): ${r.note}`);
  return lines.join("\n");
}
