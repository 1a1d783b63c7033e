import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { OBJECTION_TYPES, type Extraction, type Quoted } from "./extraction-types.js";
import type { SidedTurn } from "./types.js";
import { normalizeForMatch } from "./words.js";

const Quote = z.string().min(3).max(600).describe("the customer's or rep's exact words, copied verbatim from the transcript");

export const LlmExtraction = z.object({
  objections: z.array(z.object({ type: z.enum(OBJECTION_TYPES), quote: Quote, answered: z.boolean() })).max(20),
  pain_points: z.array(z.object({ quote: Quote })).max(20),
  competitors: z.array(z.object({ name: z.string().min(1).max(80), quote: Quote })).max(20),
  budget: z.array(z.object({ quote: Quote })).max(10),
  timeline: z.array(z.object({ quote: Quote })).max(10),
  decision_makers: z.array(z.object({ who: z.string().min(1).max(120), quote: Quote })).max(10),
  next_steps: z
    .array(z.object({ action: z.string().min(3).max(300), owner: z.enum(["rep", "customer", "both"]), due: z.string().max(80).nullable(), quote: Quote }))
    .max(15),
});
export type LlmExtraction = z.infer<typeof LlmExtraction>;

const INSTRUCTIONS = `You analyse a B2B sales call. Lines are "[turn] (side) Speaker: text"; side is rep or customer.
Extract only what the call says. Every quote must be copied character for character from one turn (one or two sentences); never paraphrase.
objections: customer pushback of type price, competitor, timing, authority, security or status_quo; answered = the rep addressed it in their next turn.
pain_points: problems the customer describes. competitors: other vendors named. budget and timeline: customer statements about money or dates.
decision_makers: people or roles who decide or approve. next_steps: commitments agreed near the end, with owner and the date words (or null).`;

function transcriptLines(turns: readonly SidedTurn[]): string {
  return turns.map((t) => `[${t.index}] (${t.side}) ${t.speaker}: ${t.clean}`).join("\n");
}

/**
 * Drops every item whose quote is not in the transcript (after normalising case, spacing, punctuation and
 * annotations), and places the kept ones on the turn that holds them.
 */
export function groundQuotes(raw: LlmExtraction, turns: readonly SidedTurn[]): Extraction {
  const normalized = turns.map((t) => normalizeForMatch(t.clean));
  function place<T extends { quote: string }>(item: T): (T & Quoted) | undefined {
    const q = normalizeForMatch(item.quote);
    if (q.length < 3) return undefined;
    const turn = normalized.findIndex((n) => n.includes(q));
    return turn < 0 ? undefined : { ...item, quote: item.quote.trim(), speaker: turns[turn]!.speaker, turn };
  }
  const kept = <T extends { quote: string }>(items: T[]) => items.map(place).filter((x): x is T & Quoted => x !== undefined);
  const repName = turns.find((t) => t.side === "rep")?.speaker ?? "rep";
  const customerName = turns.find((t) => t.side === "customer")?.speaker ?? "customer";
  return {
    objections: kept(raw.objections),
    painPoints: kept(raw.pain_points).map(({ quote, speaker, turn }) => ({ quote, speaker, turn })),
    competitors: kept(raw.competitors),
    budget: kept(raw.budget).map(({ quote, speaker, turn }) => ({ quote, speaker, turn })),
    timeline: kept(raw.timeline).map(({ quote, speaker, turn }) => ({ quote, speaker, turn })),
    decisionMakers: kept(raw.decision_makers),
    nextSteps: kept(raw.next_steps).map((s) => ({ ...s, ownerName: s.owner === "both" ? "both" : s.owner === "rep" ? repName : customerName })),
    source: "llm",
  };
}

/**
 * Structured extraction by a chat model (zod schema, function calling). Quotes the model invents are
 * dropped; when the model fails or times out the caller keeps the local extraction.
 */
export function createLlmExtractor(chatModel: BaseChatModel, options: { timeoutMs?: number } = {}) {
  const structured = chatModel.withStructuredOutput(LlmExtraction, { name: "call_extraction", method: "functionCalling" });
  return async (turns: readonly SidedTurn[]): Promise<Extraction | undefined> => {
    const raw = await structured.invoke(
      [
        { role: "system", content: INSTRUCTIONS },
        { role: "user", content: transcriptLines(turns).slice(0, 60_000) },
      ],
      { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) },
    );
    return groundQuotes(LlmExtraction.parse(raw), turns);
  };
}
