import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServeProcess } from "../helpers/cli.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-crash-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function post(url: string, body: unknown) {
  const res = await fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("a conversation survives kill -9 of the server (embedded database)", () => {
  it("shows every turn after a restart and continues the same conversation", async () => {
    const env = { SALESGRAPH_DATA_DIR: dataDir, SALESGRAPH_API_TOKEN: "operator-secret" };
    const first = await startServeProcess(["--no-demo"], env);
    const turn1 = await post(first.url, { text: "Hi!" });
    const id = turn1.body.conversationId;
    await post(first.url, { conversationId: id, text: "My login keeps failing, can you help?" });
    await post(first.url, { conversationId: id, text: "thanks" });
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));

    const second = await startServeProcess(["--no-demo"], env);
    try {
      const history = (await (await fetch(`${second.url}/api/chat/${id}`)).json()) as any;
      expect(history.messages.filter((m: any) => m.role === "user").map((m: any) => m.text)).toEqual([
        "Hi!",
        "My login keeps failing, can you help?",
        "thanks",
      ]);
      expect(history.messages).toHaveLength(6);
      const turn4 = await post(second.url, { conversationId: id, text: "I'd like to talk to a person" });
      expect(turn4.status).toBe(200);
      expect(turn4.body.conversationId).toBe(id);
      const handoffs = (await (await fetch(`${second.url}/api/handoffs`, { headers: { authorization: "Bearer operator-secret" } })).json()) as any;
      const summary = handoffs.handoffs.find((h: any) => h.summary.includes("I'd like to talk to a person"))?.summary;
      // the hand-off summary is built from the checkpointed state, so it carries the turns before the crash
      expect(summary).toContain("My login keeps failing");
    } finally {
      second.child.kill("SIGTERM");
      await new Promise((r) => second.child.once("exit", r));
    }
  });
});
