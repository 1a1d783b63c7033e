import { describe, expect, it } from "vitest";
import { TeamsMessage } from "./activity.js";
import { messageText } from "./message-text.js";

function message(text: string, entities: unknown[] = []) {
  return TeamsMessage.parse({
    type: "message",
    channelId: "msteams",
    text,
    from: { id: "29:user" },
    recipient: { id: "28:bot", name: "Salesgraph" },
    conversation: { id: "19:abc@thread.tacv2" },
    entities,
  });
}

const botMention = { type: "mention", text: "<at>Salesgraph</at>", mentioned: { id: "28:bot", name: "Salesgraph" } };

describe("messageText", () => {
  it("removes the bot's own @mention", () => {
    expect(messageText(message("<at>Salesgraph</at> how is the Globex deal going?", [botMention]))).toBe("how is the Globex deal going?");
  });

  it("keeps other people's names when they are mentioned", () => {
    const ada = { type: "mention", text: "<at>Ada Lovelace</at>", mentioned: { id: "29:ada" } };
    expect(messageText(message("<at>Salesgraph</at> draft a follow-up for <at>Ada Lovelace</at>", [botMention, ada]))).toBe(
      "draft a follow-up for Ada Lovelace",
    );
  });

  it("turns Teams HTML into plain lines", () => {
    expect(messageText(message("<p>pipeline&nbsp;review</p><p>for Q3 &amp; Q4</p>"))).toBe("pipeline review\nfor Q3 & Q4");
  });

  it("leaves a personal-chat message as typed", () => {
    expect(messageText(message("  lead scores please "))).toBe("lead scores please");
  });
});
