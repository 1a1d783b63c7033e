import { describe, expect, it } from "vitest";
import { markdownToMrkdwn, slackTextToPlain } from "./mrkdwn.js";
import { renderBlocks } from "./render-blocks.js";

describe("markdownToMrkdwn", () => {
  it("converts bold, links, headings and bullets, and escapes control characters", () => {
    expect(markdownToMrkdwn("## Pipeline\n- **Globex** at [CRM](https://crm.example/d?id=1&x=2)\n- A < B")).toBe(
      "*Pipeline*\n• *Globex* at <https://crm.example/d?id=1&amp;x=2|CRM>\n• A &lt; B",
    );
  });

  it("cannot be used to ping a whole channel", () => {
    expect(markdownToMrkdwn("<!channel> hi")).toBe("&lt;!channel&gt; hi");
  });
});

describe("slackTextToPlain", () => {
  it("drops the bot mention and decodes Slack's link, channel and escape syntax", () => {
    expect(slackTextToPlain("<@U0BOT>  compare us &amp; <https://acme.example|Acme> in <#C0123|deals> &lt;3")).toBe(
      "compare us & Acme (https://acme.example) in #deals <3",
    );
  });
});

describe("renderBlocks", () => {
  it("renders plain text as a mrkdwn section, a context line and the fallback text", () => {
    const out = renderBlocks({ conversationId: "c", text: "Hello **there**", intent: "smalltalk" });
    expect(out).toEqual({
      text: "Hello *there*",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "Hello *there*" } },
        { type: "context", elements: [{ type: "mrkdwn", text: "_smalltalk_" }] },
      ],
    });
  });

  it("splits long answers into sections of at most 3000 characters", () => {
    const text = Array.from({ length: 80 }, (_, i) => `Line ${i} ${"x".repeat(90)}`).join("\n");
    const out = renderBlocks({ conversationId: "c", text, intent: "product_question" });
    const sections = out.blocks.filter((b) => b.type === "section") as Array<{ text: { text: string } }>;
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.every((s) => s.text.text.length <= 3000)).toBe(true);
    expect(sections.map((s) => s.text.text).join("\n")).toBe(text);
    expect(out.text.length).toBeLessThanOrEqual(3000);
  });

  it("renders a pipeline card with totals, stages and at-risk deals", () => {
    const out = renderBlocks({
      conversationId: "c",
      text: "Pipeline for Q3.",
      intent: "pipeline_review",
      data: {
        kind: "pipeline",
        period: "Q3 2025",
        totalAmount: 1_250_000,
        weightedAmount: 480_500.4,
        stages: [{ stage: "Proposal", count: 4, amount: 300_000 }],
        atRisk: [{ name: "Initech expansion", reason: "no activity for 30 days" }],
      },
    });
    const json = JSON.stringify(out.blocks);
    expect(json).toContain("*Pipeline — Q3 2025*");
    expect(json).toContain("*Total*\\n$1,250,000");
    expect(json).toContain("*Weighted*\\n$480,500");
    expect(json).toContain("• Proposal: 4 deals, $300,000");
    expect(json).toContain("• Initech expansion — no activity for 30 days");
    expect(json).not.toContain("Forecast");
  });

  it("renders ranked leads with their reasons as context", () => {
    const out = renderBlocks({
      conversationId: "c",
      text: "Top leads:",
      intent: "lead_insight",
      data: { kind: "leads", leads: [{ name: "Ada Lovelace", company: "Analytical", score: 91.6, priority: "hot", reasons: ["visited pricing 3×", "VP title"] }] },
    });
    expect(out.blocks).toContainEqual({ type: "section", text: { type: "mrkdwn", text: "*92* Ada Lovelace (Analytical) · hot" } });
    expect(out.blocks).toContainEqual({ type: "context", elements: [{ type: "mrkdwn", text: "visited pricing 3× · VP title" }] });
  });

  it("renders other kinds as facts, and ignores malformed data", () => {
    const generic = renderBlocks({ conversationId: "c", text: "Segment A", intent: "segment_insight", data: { kind: "segment", title: "SMB SaaS", facts: { members: 120, churn: "4%" } } });
    expect(generic.blocks).toContainEqual({ type: "section", fields: [{ type: "mrkdwn", text: "*members*\n120" }, { type: "mrkdwn", text: "*churn*\n4%" }] });
    const malformed = renderBlocks({ conversationId: "c", text: "Deal", intent: "deal_insight", data: { kind: "deal", deals: "not a list" } });
    expect(malformed.blocks).toHaveLength(2);
  });
});
