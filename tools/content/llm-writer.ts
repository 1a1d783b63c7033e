import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { CONTENT_ANGLES, type ContentAngle, type ContentChannel } from "../../src/core/content.js";
import type { BrandRules, Draft } from "./draft.js";
import type { ContentFacts } from "./facts.js";
import { LIMITS, SMS_OPT_OUT } from "./limits.js";
import { FIRST_NAME } from "./templates.js";

/** What the model must return: exactly three variants, one per requested angle (checked after parsing too). */
export const LlmVariants = z
  .object({
    variants: z
      .array(
        z
          .object({
            angle: z.enum(CONTENT_ANGLES).describe("The angle this variant argues from: value, proof, urgency or question"),
            subject: z.string().max(300).optional().describe("Email subject line (email and follow_up channels only)"),
            text: z.string().min(1).max(6000).describe("The message itself; cite facts as [n]"),
            headlines: z.array(z.string().max(200)).max(5).optional().describe("Search ad headlines (ad channel only)"),
            descriptions: z.array(z.string().max(400)).max(4).optional().describe("Search ad descriptions (ad channel only)"),
          })
          .describe("One variant"),
      )
      .length(3)
      .describe("Exactly three variants, one per angle requested, in that order"),
  })
  .describe("Three marketing copy variants for an A/B/C test");
export type LlmVariants = z.infer<typeof LlmVariants>;

const CHANNEL_RULES: Record<ContentChannel, string> = {
  subject: `An email subject line only (text), at most ${LIMITS.subject} characters.`,
  email: `subject at most ${LIMITS.subject} characters; text is the email body (greeting, 2-4 short paragraphs, sign-off), at most ${LIMITS.emailBody} characters.`,
  follow_up: `A follow-up email about the deal: subject at most ${LIMITS.subject} characters; text at most ${LIMITS.emailBody} characters.`,
  sms: `One SMS of at most 160 GSM-7 characters including the company name first and "${SMS_OPT_OUT}" last; plain ASCII punctuation.`,
  linkedin: `A LinkedIn post of at most ${LIMITS.linkedin} characters, short paragraphs, up to 3 hashtags.`,
  ad: `A search ad: 3 headlines of at most ${LIMITS.adHeadline} characters and 2 descriptions of at most ${LIMITS.adDescription} characters; text repeats them.`,
};

function factLines(facts: ContentFacts): string {
  return facts.sources.map((s) => `[${s.n}] (${s.kind}) ${s.text}`).join("\n");
}

export function writerMessages(channel: ContentChannel, angles: readonly ContentAngle[], facts: ContentFacts, brand: BrandRules) {
  const system = [
    `You write marketing and sales copy for ${brand.company}. Brand voice: ${brand.voice}.`,
    `Never use these phrases: ${brand.bannedPhrases.join(", ") || "(none)"}.`,
    `Use only the numbered facts for claims, numbers and names; cite each fact you use as [n]. Invent no statistics, customers or prices.`,
    `Write exactly three variants with the angles ${angles.join(", ")} in that order. value = what they get; proof = a measured result from the facts; urgency = a real date or offer from the facts, never false scarcity; question = open with the reader's problem as a question.`,
    `The variants must differ in argument, not only in wording. You may use ${FIRST_NAME} for the reader's first name.`,
    `Channel: ${channel}. ${CHANNEL_RULES[channel]}`,
  ].join("\n");
  const user = [`Audience: ${facts.segment.label} (${facts.segment.audience}).`, `Objective: ${facts.objective}.`, `Topic: ${facts.topic}.`, `Facts:\n${factLines(facts)}`].join("\n");
  return [
    { role: "system" as const, content: system },
    { role: "user" as const, content: user },
  ];
}

/** Three drafts from the model (zod-validated structured output); the caller enforces limits and checks angles. */
export function createLlmWriter(chatModel: BaseChatModel, options: { timeoutMs: number }) {
  const structured = chatModel.withStructuredOutput(LlmVariants, { name: "content_variants", method: "functionCalling" });
  return async (channel: ContentChannel, angles: readonly ContentAngle[], facts: ContentFacts, brand: BrandRules): Promise<Draft[]> => {
    const raw = await structured.invoke(writerMessages(channel, angles, facts, brand), { signal: AbortSignal.timeout(options.timeoutMs) });
    const parsed = LlmVariants.parse(raw);
    return parsed.variants.map((v) => ({
      angle: v.angle,
      ...(v.subject ? { subject: v.subject } : {}),
      text: v.text,
      ...(v.headlines?.length ? { headlines: v.headlines } : {}),
      ...(v.descriptions?.length ? { descriptions: v.descriptions } : {}),
      cites: [],
    }));
  };
}
