import { ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../../tests/fakes/openai-server.js";
import type { BrandRules } from "./draft.js";
import type { ContentFacts } from "./facts.js";
import { generateVariants } from "./generate.js";
import { checkLimits, smsLength, SMS_OPT_OUT } from "./limits.js";
import { createLlmWriter } from "./llm-writer.js";

const BRAND: BrandRules = { company: "Helix Data", voice: "clear", bannedPhrases: ["guarantee"] };
const FACTS: ContentFacts = {
  company: "Helix Data", objective: "invite them to the Q1 webinar", topic: "the Q1 webinar",
  segment: { label: "Enterprise prospects", audience: "enterprise teams" },
  proof: { text: "Requests to the analytics team fell by 40%", n: 1 },
  sources: [{ n: 1, kind: "knowledge", ref: "case-studies/northwind.md", text: "Requests to the analytics team fell by 40%" }],
};
// 400 characters of plain words, as a model ignoring the limit might write them
const LONG = ("Join our Q1 webinar where enterprise teams learn how requests to the analytics team fell by 40% [1] and ").repeat(4).slice(0, 400);

describe("content written by a model (fake OpenAI server)", () => {
  let openai: FakeOpenAi;
  let writer: ReturnType<typeof createLlmWriter>;

  beforeAll(async () => {
    openai = await startFakeOpenAi({ apiKey: "sk-test" });
    writer = createLlmWriter(new ChatOpenAI({ model: "fake-model", apiKey: "sk-test", maxRetries: 0, configuration: { baseURL: openai.url } }), { timeoutMs: 5000 });
  });
  afterAll(async () => openai?.close());

  it("cuts a 400-character SMS to one GSM-7 segment at a word boundary, keeps the opt-out and the citation", async () => {
    expect(LONG.length).toBe(400);
    openai.script({
      toolCalls: [{ name: "content_variants", arguments: { variants: [
        { angle: "value", text: LONG },
        { angle: "proof", text: "Helix Data: Enterprise teams cut analytics requests by 40% [1]. See how on March 3." },
        { angle: "question", text: "Helix Data: How long does one data question take your team? Our Q1 webinar has a faster way." },
      ] } }],
    });
    const { drafts, writer: who } = await generateVariants("sms", FACTS, BRAND, writer);
    expect(who).toBe("llm");
    const value = drafts[0]!;
    expect(smsLength(value.text)).toEqual({ encoding: "GSM-7", length: value.text.length, limit: 160 });
    expect(value.text.length).toBeLessThanOrEqual(160);
    expect(value.text.endsWith(` ${SMS_OPT_OUT}`)).toBe(true);
    expect(value.text).not.toContain("[1]");
    expect(value.cites).toEqual([1]);
    // a word boundary: the text before the opt-out is a prefix of the model's words, ending in a whole word
    const kept = value.text.replace(` ${SMS_OPT_OUT}`, "").replace(/\.$/, "").replace(/^Helix Data: /, "");
    const source = LONG.replace(/\s*\[1\]/g, "").replace(/\s+/g, " ");
    expect(source.startsWith(kept)).toBe(true);
    expect(source[kept.length]).toBe(" ");
    for (const d of drafts) expect(checkLimits("sms", d).ok).toBe(true);
    // the request carried the limits, the facts with their numbers and the banned phrases
    const request = JSON.stringify(openai.completions.at(-1));
    expect(request).toContain("160 GSM-7");
    expect(request).toContain("[1] (knowledge) Requests to the analytics team fell by 40%");
    expect(request).toContain("guarantee");
  });

  it("replaces a variant with a banned phrase, a wrong angle or a near-copy by the template for that angle", async () => {
    openai.script({
      toolCalls: [{ name: "content_variants", arguments: { variants: [
        { angle: "value", text: "We guarantee faster answers" },
        { angle: "proof", text: "Requests to the analytics team fell by 40% [1]" },
        { angle: "proof", text: "Requests to the analytics team fell by 40% [1]!" },
      ] } }],
    });
    const out = await generateVariants("subject", FACTS, BRAND, writer);
    expect(out.writer).toBe("mixed");
    expect(out.drafts.map((d) => d.angle)).toEqual(["value", "proof", "question"]);
    expect(out.drafts[0]!.text).not.toMatch(/guarantee/i);
    expect(out.notes.join(" ")).toMatch(/banned/);
  });

  it("falls back to templates when the model fails", async () => {
    openai.script({ status: 500, message: "boom" });
    const out = await generateVariants("subject", FACTS, BRAND, writer);
    expect(out.writer).toBe("local");
    expect(out.drafts).toHaveLength(3);
  });
});
