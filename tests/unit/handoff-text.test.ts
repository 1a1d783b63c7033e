import { describe, expect, it } from "vitest";
import { renderHandoffPost, renderHandoffUpdate } from "../../channels/slack/handoff-blocks.js";
import { noteFor } from "../../tools/handoffs/desk.js";

const SUMMARY = [
  "Channel: web. Messages from the visitor: 2. Latest request: human_handoff.",
  "No contact details collected yet.",
  "What they said (most recent last):",
  '- "Hello"',
  '- "Can I talk to a person?"',
].join("\n");

describe("hand-off notes and Slack text", () => {
  it("notes only what a second request adds to the summary people have already seen", () => {
    const again = [
      "Channel: web. Messages from the visitor: 3. Latest request: human_handoff.",
      "Known details: teamSize: 40.",
      "What they said (most recent last):",
      '- "Hello"',
      '- "Can I talk to a person?"',
      '- "We have 40 analysts"',
    ].join("\n");
    expect(noteFor({ summary: SUMMARY }, again)).toBe('Known details: teamSize: 40.\n- "We have 40 analysts"');
    expect(noteFor({ summary: SUMMARY }, SUMMARY)).toBe("The visitor asked again for a person.");
  });

  it("escapes what the visitor wrote, so it cannot mention or ping anyone in Slack", () => {
    expect(renderHandoffUpdate({ kind: "prospect", text: "hi <!channel> & <@U123>" })).toBe("*Visitor:* hi &lt;!channel&gt; &amp; &lt;@U123&gt;");
    const post = renderHandoffPost({
      id: "HO-ABC123",
      kind: "human",
      status: "open",
      summary: "<!here> please",
      reason: null,
      conversation: { id: "internal", channel: "sms", externalId: "+14155550123" },
      createdAt: new Date(0),
    });
    expect(JSON.stringify(post.blocks)).not.toContain("<!here>");
    expect(JSON.stringify(post.blocks)).toContain("+14155550123");
    expect(post.text).toContain("HO-ABC123");
  });
});
