import { describe, expect, it } from "vitest";
import { ADAPTIVE_CARD_CONTENT_TYPE, renderActivity } from "./render-card.js";

describe("renderActivity", () => {
  it("sends a plain answer as Markdown text", () => {
    const activity = renderActivity({ conversationId: "c1", text: "Hi there.", intent: "smalltalk" });
    expect(activity).toEqual({ type: "message", text: "Hi there.", textFormat: "markdown" });
  });

  it("renders a deal insight as an Adaptive Card with facts, risks and next steps", () => {
    const activity = renderActivity({
      conversationId: "c1",
      text: "Globex renewal is likely to close.",
      intent: "deal_insight",
      data: {
        kind: "deal",
        deals: [
          {
            name: "Globex renewal",
            account: "Globex",
            stage: "Negotiation",
            amount: 120000,
            closeProbability: 0.72,
            expectedCloseDate: "2025-04-30",
            risks: ["No executive sponsor"],
            nextSteps: ["Book a call with the CFO"],
          },
        ],
      },
    });
    expect(activity.summary).toBe("Globex renewal is likely to close.");
    const attachment = activity.attachments![0]!;
    expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    const card = attachment.content as { type: string; version: string; fallbackText: string; body: any[] };
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", fallbackText: "Globex renewal is likely to close." });
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "Globex renewal is likely to close.", wrap: true });
    const deal = card.body[1];
    expect(deal.type).toBe("Container");
    expect(deal.items[0].text).toBe("Globex renewal — Globex");
    expect(deal.items[1]).toEqual({
      type: "FactSet",
      facts: [
        { title: "Stage", value: "Negotiation" },
        { title: "Amount", value: "$120,000" },
        { title: "Close probability", value: "72%" },
        { title: "Expected close", value: "2025-04-30" },
      ],
    });
    expect(deal.items[2].text).toContain("- No executive sponsor");
    expect(deal.items[3].text).toContain("- Book a call with the CFO");
    expect(card.body.at(-1)).toMatchObject({ text: "deal insight", isSubtle: true });
  });

  it("renders generic facts and ignores a payload that does not parse", () => {
    const facts = renderActivity({ conversationId: "c", text: "Segments", intent: "segment_insight", data: { kind: "segments", title: "Segments", facts: { "Mid-market": 42 } } });
    const body = (facts.attachments![0]!.content as { body: any[] }).body;
    expect(body).toContainEqual({ type: "FactSet", facts: [{ title: "Mid-market", value: "42" }] });

    const broken = renderActivity({ conversationId: "c", text: "Deals", intent: "deal_insight", data: { kind: "deal", deals: [] } });
    expect(broken.attachments).toBeUndefined();
    expect(broken.text).toBe("Deals");
  });
});
