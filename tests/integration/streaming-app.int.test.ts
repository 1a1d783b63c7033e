import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type ChatCompletionRequest, type FakeOpenAi } from "../fakes/openai-server.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/**
 * The whole app in LLM mode against the fake model, through POST /api/chat/stream. The model routes with a
 * function call and otherwise writes a reply that invents a price. Whatever node writes the answer — today a
 * nostream rewording, later a streaming agent whose words a grounding guard replaces — the stream obeys its
 * contract, leaks no routing, and ends with the same answer as POST /api/chat.
 */
const INVENTED = "INVENTED: Helix Pro is $1 a year [1].";

function respond(request: ChatCompletionRequest) {
  if (request.tools?.some((tool) => tool.function.name === "route_intent")) {
    return { toolCalls: [{ name: "route_intent", arguments: { intent: "pricing" } }] };
  }
  return { text: INVENTED, stream: { chunkDelayMs: 5 } };
}

let db: TestDatabase;
let openai: FakeOpenAi;
let app: TestApp;

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  openai = await startFakeOpenAi({ respond });
  app = await startTestApp(db, { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "3000" });
});
afterAll(async () => {
  await app?.close();
  await openai?.close();
  await db?.dispose();
});
beforeEach(() => openai.reset());

async function streamTurn(text: string) {
  const res = await fetch(`${app.url}/api/chat/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
  expect(res.status).toBe(200);
  return (await res.text())
    .split("\n\n")
    .filter((block) => block.startsWith("event:"))
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)![1]!, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { text?: string; intent?: string } }));
}

describe("streaming the app's own graph in LLM mode", () => {
  it("keeps the SSE contract, leaks no routing or rejected words into the answer, and answers as POST /api/chat", async () => {
    openai.respondWith(respond);
    const events = await streamTurn("How much does Helix Pro cost?");
    expect(openai.completions.length).toBeGreaterThan(0);

    const names = events.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(["conversation", "typing"]);
    expect(names.slice(-2)).toEqual(["message", "done"]);
    expect(names.filter((n) => !["status", "delta", "replace"].includes(n))).toEqual(["conversation", "typing", "message", "done"]);
    const message = events.at(-2)!.data;
    expect(message.intent).toBe("pricing");
    let draft = "";
    for (const e of events) {
      if (e.event === "delta") draft += e.data.text;
      if (e.event === "replace") draft = e.data.text!;
    }
    expect(draft).toBe(message.text);
    expect(message.text).not.toContain("INVENTED");
    expect(JSON.stringify(events)).not.toContain("route_intent");
    // Words the model streamed and a guard then rejected must have been withdrawn by a replace.
    const lastReplace = names.lastIndexOf("replace");
    expect(events.slice(lastReplace + 1).some((e) => e.event === "delta" && e.data.text!.includes("INVENTED"))).toBe(false);

    const plain = await app.post("/api/chat", { text: "How much does Helix Pro cost?" });
    expect(plain.status).toBe(200);
    expect(plain.body.reply).toBe(message.text);
  });
});
