import type { ChildProcess } from "node:child_process";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServeProcess } from "../helpers/cli.js";
import { openTestDatabase, postgresReachable, type TestDatabase } from "../helpers/databases.js";

const onPostgres = await postgresReachable();
const TURNS = 40;

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

function textOf(message: any): string {
  const content = message?.kwargs?.content ?? message?.content;
  return typeof content === "string" ? content : JSON.stringify(content);
}

function isHuman(message: any): boolean {
  const type = message?._getType?.() ?? message?.type ?? message?.id?.at?.(-1);
  return type === "human" || type === "HumanMessage";
}

/**
 * Two `serve` processes, each with its own pools, on one PostgreSQL database: 40 turns sent at once to one
 * conversation, half to each. Nothing may be lost from the checkpoint or the message log, and both must tell
 * the turns in the same order, each answer right after its question.
 */
describe.skipIf(!onPostgres)("one conversation served by two processes on PostgreSQL", () => {
  let db: TestDatabase;
  const servers: { child: ChildProcess; url: string }[] = [];

  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    const env = { DATABASE_URL: db.url, JOBS_ENABLED: "false", RATE_LIMIT_PER_MINUTE: "100000", TURN_LOCK_TIMEOUT_MS: "120000", DATABASE_POOL_MAX: "5" };
    servers.push(...(await Promise.all([startServeProcess(["--no-demo"], env), startServeProcess(["--no-demo"], env)])));
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) {
      s.child.kill("SIGTERM");
      await new Promise((r) => s.child.once("exit", r));
    }
    await db?.dispose();
  });

  it(`runs ${TURNS} concurrent turns on one conversation with nothing lost, in order`, async () => {
    const [a, b] = servers;
    const first = await post(a!.url, { text: "Hi there" });
    expect(first.status).toBe(200);
    const id = first.body.conversationId as string;

    const texts = Array.from({ length: TURNS }, (_, i) => `Question number ${i + 1} about your product`);
    const results = await Promise.all(texts.map((text, i) => post((i % 2 ? a : b)!.url, { conversationId: id, text })));
    expect(results.map((r) => r.status)).toEqual(texts.map(() => 200));

    // the log: every question once, each followed by its answer
    const log = (await (await fetch(`${b!.url}/api/chat/${id}`)).json()) as { messages: { role: string; text: string }[] };
    expect(log.messages).toHaveLength(2 * (TURNS + 1));
    expect(log.messages.map((m) => m.role)).toEqual(log.messages.map((_, i) => (i % 2 ? "assistant" : "user")));
    const asked = log.messages.filter((m) => m.role === "user").map((m) => m.text);
    expect(asked[0]).toBe("Hi there");
    expect([...asked.slice(1)].sort()).toEqual([...texts].sort());

    // the checkpoint: one linear chain of turns (a lost update forks it), whose k-th turn ends with the
    // k-th question of the log
    const saver = new PostgresSaver(db.pool);
    const tuples = [];
    for await (const t of saver.list({ configurable: { thread_id: `web:${id}` } })) tuples.push(t);
    const parents = tuples.map((t) => t.parentConfig?.configurable?.checkpoint_id).filter(Boolean);
    expect(new Set(parents).size).toBe(parents.length);
    const lastHuman = tuples
      .map((t) => (t.checkpoint.channel_values.messages as any[] | undefined)?.filter(isHuman).at(-1))
      .filter(Boolean)
      .map(textOf);
    // newest first, one entry per turn that wrote a checkpoint; consecutive duplicates are in-turn steps
    const perTurn = lastHuman.filter((t, i) => i === 0 || t !== lastHuman[i - 1]).reverse();
    expect(perTurn).toEqual(asked);
  }, 300_000);
});
