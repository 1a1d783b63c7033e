import { HumanMessage } from "@langchain/core/messages";
import pg from "pg";
import { threadIdOf } from "../src/app/conversation-handler.js";
import { createContainer } from "../src/app/container.js";
import { loadDemo } from "../src/app/demo.js";
import { loadConfig } from "../src/core/config.js";
import { silentLogger } from "../src/core/logger.js";
import { migrate } from "../src/infra/postgres/migrate.js";
import { openDatabase } from "../src/infra/postgres/pool.js";
import { fmt } from "./stats.js";

const MESSAGES = ["hi there", "thanks!", "I can't log in, the reset link is broken", "can I speak to a real person?", "who are you?", "good morning"];

/**
 * Where a routed local-mode turn spends its time, on PostgreSQL, one turn at a time: the steps of
 * `createConversationHandler` run by hand (conversation upsert, each graph node as streamed, the checkpoint
 * write at the end of the run, the message log), with the SQL round trips of each step counted on the app's
 * pool and on the Store's own pool.
 */
export async function profileTurns(options: { postgresUrl: string; turns: number }): Promise<string> {
  const name = `sg_profile_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), dataDir: "", poolMax: 10 });
  try {
    await migrate(db.pool);
    const container = await createContainer(loadConfig({ LOG_LEVEL: "silent", JOBS_ENABLED: "false" }), { db, logger: silentLogger() });
    await loadDemo(db.pool, container.kb);
    const queries = { app: 0, store: 0, appMs: 0 };
    const timed = (target: { query: unknown }, key: "app" | "store") => {
      const query = (target.query as (...args: unknown[]) => Promise<unknown>).bind(target);
      target.query = async (...args: unknown[]) => {
        queries[key]++;
        const t0 = performance.now();
        try {
          return await query(...args);
        } finally {
          if (key === "app") queries.appMs += performance.now() - t0;
        }
      };
    };
    // statements on the pool and on clients checked out of it (transactions, the checkpointer's writes)
    const count = (pool: pg.Pool | undefined, key: "app" | "store") => {
      if (!pool) return;
      timed(pool as unknown as { query: unknown }, key);
      const wrapped = new WeakSet<object>();
      pool.on("acquire", (client) => {
        if (wrapped.has(client)) return;
        wrapped.add(client);
        timed(client as unknown as { query: unknown }, key);
      });
    };
    count(db.pool, "app");
    const store = container.graph.store as unknown as { core?: { pool?: pg.Pool } };
    count(store.core?.pool, "store");

    const steps = new Map<string, { ms: number; app: number; store: number; n: number }>();
    const mark = (step: string, ms: number, before: { app: number; store: number }) => {
      const s = steps.get(step) ?? { ms: 0, app: 0, store: 0, n: 0 };
      s.ms += ms;
      s.app += queries.app - before.app;
      s.store += queries.store - before.store;
      s.n += 1;
      steps.set(step, s);
    };
    let total = 0;
    const run = async (i: number, record: boolean) => {
      const message = { channel: "web" as const, conversationId: `profile-${i % 25}`, actor: { id: `visitor-${i % 25}`, role: "prospect" as const, tenant: "demo" }, text: MESSAGES[i % MESSAGES.length]! };
      const t0 = performance.now();
      let at = { app: queries.app, store: queries.store };
      let last = t0;
      const step = (label: string) => {
        const now = performance.now();
        if (record) mark(label, now - last, at);
        last = now;
        at = { app: queries.app, store: queries.store };
      };
      const conversation = await container.repos.conversations.ensure(message.channel, message.conversationId, message.actor);
      step("conversation upsert + consent");
      const input = { messages: [new HumanMessage(message.text)], channel: message.channel, actor: message.actor, conversationId: conversation.id, reply: "", replyData: null, silenced: false };
      let result: Record<string, unknown> = {};
      for await (const update of await container.graph.stream(input, { configurable: { thread_id: threadIdOf(message), consent: conversation.consent }, durability: "exit", streamMode: "updates" })) {
        const node = Object.keys(update)[0]!;
        step(`node ${node}`);
        Object.assign(result, (update as Record<string, Record<string, unknown>>)[node] ?? {});
      }
      step("checkpoint write (end of run)");
      await container.repos.conversations.appendTurn(conversation.id, { userText: message.text, replyText: String(result.reply ?? ""), intent: "smalltalk", at: new Date() });
      step("message log");
      if (record) total += performance.now() - t0;
    };
    for (let i = 0; i < 30; i++) await run(1000 + i, false);
    const appMsBefore = queries.appMs;
    for (let i = 0; i < options.turns; i++) await run(i, true);
    const profileAppMs = queries.appMs - appMsBefore;
    // the same turns through the handler (turn lock, approvals wrapper, metrics and event hooks included)
    const before = { app: queries.app, store: queries.store };
    const t0 = performance.now();
    for (let i = 0; i < options.turns; i++) {
      await container.handler({ channel: "web", conversationId: `profile-h-${i % 25}`, actor: { id: `visitor-h-${i % 25}`, role: "prospect", tenant: "demo" }, text: MESSAGES[i % MESSAGES.length]! });
    }
    const handlerMs = (performance.now() - t0) / options.turns;
    const handlerQueries = (queries.app - before.app) / options.turns;
    const lines = [
      `Through the conversation handler: ${fmt(handlerMs, 2)} ms a turn, ${fmt(handlerQueries, 1)} statements on the app pool (counted twice when sent by pool.query, as above)`,
      `One routed local-mode turn on PostgreSQL, sequential, mean of ${options.turns} turns: ${fmt(total / options.turns, 2)} ms, of which ${fmt(profileAppMs / options.turns, 2)} ms waiting on the app pool's queries`,
      "step | mean ms | share | app-pool queries | store queries",
      "---|---|---|---|---",
    ];
    const rows = [...steps.entries()].sort((a, b) => b[1].ms - a[1].ms);
    for (const [label, s] of rows) {
      lines.push(`${label} | ${fmt(s.ms / options.turns, 2)} | ${fmt((100 * s.ms) / total, 0)}% | ${fmt(s.app / options.turns, 1)} | ${fmt(s.store / options.turns, 1)}`);
    }
    await container.close();
    return lines.join("\n");
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
