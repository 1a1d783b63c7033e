import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { MessagesAnnotation, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { createContainer } from "../src/app/container.js";
import { loadConfig } from "../src/core/config.js";
import { silentLogger } from "../src/core/logger.js";
import { migrate } from "../src/infra/postgres/migrate.js";
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

async function benchDatabase(db: Database, n: number): Promise<Row[]> {
  await migrate(db.pool);
  const container = await createContainer(loadConfig({ LOG_LEVEL: "silent" }), { db, logger: silentLogger() });
  const ours = await measure("salesgraph (routed turn, local mode)", db.kind, (c, i) =>
    container.handler({
      channel: "web",
      conversationId: `bench-${db.kind}-${c}`,
      actor: { id: `bench-${c}`, role: "prospect", tenant: "demo" },
      text: MESSAGES[i % MESSAGES.length]!,
    }),
  n);
  await container.close();

  const checkpointer = new PostgresSaver(db.pool);
  await checkpointer.setup();
  const bare = new StateGraph(MessagesAnnotation)
    .addNode("reply", async () => ({ messages: [new AIMessage("ok")] }))
    .addEdge("__start__", "reply")
    .compile({ checkpointer });
  const baseline = await measure("bare LangGraph (1 node, same checkpointer)", db.kind, (c, i) =>
    bare.invoke(
      { messages: [new HumanMessage(MESSAGES[i % MESSAGES.length]!)] },
      { configurable: { thread_id: `bare-${c}` }, durability: "exit" },
    ),
  n);
  return [ours, baseline];
}

export async function benchTurns(options: { turns: number; postgresUrl?: string }): Promise<string> {
  const rows: Row[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-bench-"));
  const embedded = await openDatabase({ dataDir: dir });
  try {
    rows.push(...(await benchDatabase(embedded, options.turns)));
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
        rows.push(...(await benchDatabase(db, options.turns)));
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
    `Turn latency (sequential, ${options.turns} turns) and throughput (20 concurrent conversations)`,
    "database | graph | p50 ms | p99 ms | turns/s | turns/s vs bare",
    "---|---|---|---|---|---",
  ];
  for (const r of rows) {
    const bare = rows.find((b) => b.database === r.database && b.graph.startsWith("bare"));
    const ratio = bare ? r.turnsPerSecond / bare.turnsPerSecond : NaN;
    lines.push(`${r.database} | ${r.graph} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.turnsPerSecond, 0)} | ${fmt(ratio, 2)}`);
  }
  return lines.join("\n");
}
