import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderBlocks } from "../../channels/slack/render-blocks.js";
import { SLACK_TEXT } from "../../channels/slack/slack-adapter.js";
import type { InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../../src/core/ports.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startSlackStreamHarness, type SlackStreamHarness } from "../helpers/slack-stream-harness.js";

function streamingHandler(script: (m: InboundMessage) => AsyncIterable<TurnEvent>): StreamingConversationHandler {
  return Object.assign(async (): Promise<OutboundMessage[]> => {
    throw new Error("the Slack adapter must use the streaming form");
  }, { stream: script });
}

const final = (m: InboundMessage, text: string): TurnEvent => ({ type: "final", messages: [{ conversationId: m.conversationId, text, intent: "deal_insight" }] });

let slack: FakeSlackApi;
let harness: SlackStreamHarness | undefined;
beforeAll(async () => {
  slack = await startFakeSlackApi();
});
afterAll(async () => {
  await slack.close();
});
beforeEach(() => slack.reset());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Slack: a streamed answer in one message updated in place", () => {
  it("posts a placeholder, updates it with chat.update no faster than the interval, and ends with the Block Kit body", async () => {
    const words = "Globex is in Negotiation at $120,000 and 60% likely to close by March 31.".split(/(?<= )/);
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* (m) {
        await sleep(80);
        yield { type: "status", text: "Looking up the Globex deal…" };
        await sleep(150);
        for (const word of words) {
          yield { type: "token", text: word };
          await sleep(25);
        }
        yield final(m, words.join(""));
      }),
      { firstAfterMs: 50, intervalMs: 150 },
    );
    await harness.mention("how is the Globex deal?");
    const [placeholder] = await slack.waitFor("chat.postMessage");
    expect(placeholder!.body).toMatchObject({ channel: "C0SALES", thread_ts: expect.stringMatching(/^\d+\.\d+$/), text: "_Looking up the Globex deal…_" });
    await harness.close();
    harness = undefined;

    const updates = slack.callsTo("chat.update");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    const ts = [...slack.messages.values()][0]!.ts;
    expect(updates.every((u) => u.body.ts === ts && u.body.channel === "C0SALES")).toBe(true);
    // The answer grows in place…
    const partial = updates.slice(0, -1).map((u) => u.body.text as string);
    expect(partial.length).toBeGreaterThanOrEqual(1);
    expect(partial.every((text) => text.endsWith(" …") && words.join("").startsWith(text.slice(0, -2).trimEnd()))).toBe(true);
    // …no faster than one update per interval…
    const times = [placeholder!.at, ...updates.map((u) => u.at)];
    for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(140);
    // …and the last update is the final body, blocks and all.
    const expected = renderBlocks({ conversationId: "x", text: words.join(""), intent: "deal_insight" });
    expect(updates.at(-1)!.body).toMatchObject({ text: expected.text, blocks: expected.blocks });
    expect([...slack.messages.values()]).toEqual([{ channel: "C0SALES", ts, text: expected.text, blocks: expected.blocks }]);
  });

  it("posts an answer that arrives whole once, however long it took, with no placeholder or update", async () => {
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* (m) {
        await sleep(200);
        yield { type: "token", text: "Pipeline: $1.2M weighted." };
        yield final(m, "Pipeline: $1.2M weighted.");
      }),
      { firstAfterMs: 50, intervalMs: 50 },
    );
    await harness.mention("pipeline?");
    const [post] = await slack.waitFor("chat.postMessage");
    await harness.close();
    harness = undefined;
    expect(post!.body.text).toBe("Pipeline: $1.2M weighted.");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.callsTo("chat.update")).toHaveLength(0);
  });

  it("posts a quick answer once, with no placeholder or update", async () => {
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* (m) {
        yield { type: "token", text: "Pipeline: " };
        yield { type: "token", text: "$1.2M weighted." };
        yield final(m, "Pipeline: $1.2M weighted.");
      }),
      { firstAfterMs: 1000, intervalMs: 1000 },
    );
    await harness.mention("pipeline?");
    const [post] = await slack.waitFor("chat.postMessage");
    await harness.close();
    harness = undefined;
    expect(post!.body.text).toBe("Pipeline: $1.2M weighted.");
    expect(post!.body.blocks.length).toBeGreaterThan(0);
    expect(slack.callsTo("chat.update")).toHaveLength(0);
  });

  it("turns the placeholder into the failure notice when the turn fails mid-stream", async () => {
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* () {
        yield { type: "token", text: "Globex is" };
        await sleep(200);
        throw new Error("model stream cut");
      }),
      { firstAfterMs: 0, intervalMs: 50 },
    );
    await harness.mention("how is Globex?");
    await slack.waitFor("chat.postMessage");
    await harness.close();
    harness = undefined;
    expect(slack.callsTo("chat.update").at(-1)!.body.text).toBe(SLACK_TEXT.failed);
    expect(slack.callsTo("chat.postEphemeral")).toHaveLength(0);
  });

  it("removes the placeholder when the turn has nothing to say", async () => {
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* () {
        yield { type: "status", text: "Checking…" };
        await sleep(150);
        yield { type: "replace", text: "" };
        yield { type: "final", messages: [] };
      }),
      { firstAfterMs: 0, intervalMs: 50 },
    );
    await harness.mention("…");
    await slack.waitFor("chat.delete");
    expect(slack.messages.size).toBe(0);
  });

  it("answers a slash command whole through response_url", async () => {
    harness = await startSlackStreamHarness(
      slack,
      streamingHandler(async function* (m) {
        yield { type: "token", text: "Globex: Negotiation." };
        await sleep(100);
        yield final(m, "Globex: Negotiation.");
      }),
      { firstAfterMs: 0, intervalMs: 50 },
    );
    await harness.command("globex");
    const [answer] = await slack.waitFor("response_url");
    expect(answer!.body).toMatchObject({ response_type: "in_channel", text: "Globex: Negotiation." });
    expect(slack.callsTo("chat.update")).toHaveLength(0);
  });
});
