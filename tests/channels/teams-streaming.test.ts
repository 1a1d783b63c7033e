import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LiveMessageTiming } from "../../channels/shared/live-message.js";
import { createTeamsRoutes, TEAMS_TEXT } from "../../channels/teams/teams-adapter.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../../src/core/ports.js";
import { startFakeBotFramework, type FakeBotFramework } from "../fakes/bot-connector.js";

const TENANT = "72f988bf-0000-4000-8000-00000000aaaa";
const REP = "aad-rep-0001";

let bf: FakeBotFramework;
let close: (() => Promise<void>) | undefined;
let sequence = 0;

beforeAll(async () => {
  bf = await startFakeBotFramework();
});
afterAll(async () => {
  await bf.close();
});
afterEach(async () => {
  await close?.();
  close = undefined;
  bf.reset();
});

function streamingHandler(script: (m: InboundMessage) => AsyncIterable<TurnEvent>): StreamingConversationHandler {
  return Object.assign(async (): Promise<OutboundMessage[]> => {
    throw new Error("the Teams adapter must use the streaming form");
  }, { stream: script });
}

/** Sends one rep message through the Teams route; resolves when the turn (run inside the request) is over. */
async function converse(handler: StreamingConversationHandler, timing: { typingAfterMs: number; live: LiveMessageTiming }): Promise<void> {
  const routes = createTeamsRoutes({
    handler,
    config: { appType: "MultiTenant", allowUnauthenticated: true, allowedTenants: [TENANT], reps: [REP], managers: [] },
    tenant: "acme",
    logger: silentLogger(),
    openIdMetadataUrl: bf.openIdMetadataUrl,
    typingAfterMs: timing.typingAfterMs,
    liveTiming: timing.live,
  });
  const app = express();
  app.use(routes.router);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = async () => {
    await routes.drain();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  sequence += 1;
  const activity = {
    type: "message",
    id: `17000001${sequence}`,
    channelId: "msteams",
    serviceUrl: bf.serviceUrl,
    from: { id: "29:rep", name: "Rita Rep", aadObjectId: REP },
    recipient: { id: "28:bot", name: "Salesgraph" },
    conversation: { id: "a:1personal-rita", conversationType: "personal", tenantId: TENANT },
    text: "how is the Globex deal going?",
  };
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
}

const ANSWER = "Globex is in Negotiation at $120,000, 60% likely to close by March 31.";

describe("Teams: a streamed answer in one activity updated in place", () => {
  it("sends typing, then the draft, updates it (throttled) and ends with the answer", async () => {
    const words = ANSWER.split(/(?<= )/);
    await converse(
      streamingHandler(async function* (m) {
        yield { type: "status", text: "Looking up the Globex deal…" };
        await sleep(120);
        for (const word of words) {
          yield { type: "token", text: word };
          await sleep(25);
        }
        yield { type: "final", messages: [{ conversationId: m.conversationId, text: ANSWER, intent: "deal_insight" }] };
      }),
      { typingAfterMs: 0, live: { firstAfterMs: 60, intervalMs: 120 } },
    );
    expect(bf.calls.map((c) => c.activity.type)).toEqual(["typing", "message"]);
    expect(bf.calls[1]!.activity.text).toBe("_Looking up the Globex deal…_");
    const id = "reply-2";
    expect(bf.updates.length).toBeGreaterThanOrEqual(2);
    expect(bf.updates.every((u) => u.activityId === id && u.conversationId === "a:1personal-rita")).toBe(true);
    const drafts = bf.updates.slice(0, -1).map((u) => u.activity.text as string);
    expect(drafts.every((text) => text.endsWith(" …") && ANSWER.startsWith(text.slice(0, -2)))).toBe(true);
    for (let i = 1; i < bf.updates.length - 1; i++) expect(bf.updates[i]!.at - bf.updates[i - 1]!.at).toBeGreaterThanOrEqual(110);
    expect(bf.updates.at(-1)!.activity).toMatchObject({ type: "message", id, text: ANSWER, textFormat: "markdown" });
  });

  it("sends a quick answer once", async () => {
    await converse(
      streamingHandler(async function* (m) {
        yield { type: "token", text: ANSWER };
        yield { type: "final", messages: [{ conversationId: m.conversationId, text: ANSWER, intent: "deal_insight" }] };
      }),
      { typingAfterMs: 1000, live: { firstAfterMs: 2000, intervalMs: 1000 } },
    );
    expect(bf.calls.map((c) => [c.activity.type, c.activity.text])).toEqual([["message", ANSWER]]);
    expect(bf.updates).toEqual([]);
  });

  it("turns the draft into the failure notice when the turn fails mid-stream", async () => {
    await converse(
      streamingHandler(async function* () {
        yield { type: "token", text: "Globex is" };
        await sleep(150);
        throw new Error("model stream cut");
      }),
      { typingAfterMs: 1000, live: { firstAfterMs: 0, intervalMs: 50 } },
    );
    expect(bf.calls.map((c) => c.activity.text)).toEqual(["Globex is …"]);
    expect(bf.updates.at(-1)!.activity.text).toBe(TEAMS_TEXT.failed);
  });
});
