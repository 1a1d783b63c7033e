import { z } from "zod";

/**
 * The structured payload (`OutboundMessage.data`) that rich channels render as cards: Block Kit in Slack,
 * Adaptive Cards in Teams. Text stays the source of truth; a payload that does not parse is ignored and the
 * text is shown alone.
 */
const Money = z.number().finite();

export const DealInsightData = z.object({
  kind: z.literal("deal"),
  deals: z
    .array(
      z.object({
        name: z.string(),
        account: z.string().optional(),
        stage: z.string().optional(),
        amount: Money.optional(),
        owner: z.string().optional(),
        closeProbability: z.number().min(0).max(1).optional(),
        expectedCloseDate: z.string().nullable().optional(),
        risks: z.array(z.string()).default([]),
        nextSteps: z.array(z.string()).default([]),
      }),
    )
    .min(1),
});

export const PipelineInsightData = z.object({
  kind: z.literal("pipeline"),
  period: z.string().optional(),
  totalAmount: Money.optional(),
  weightedAmount: Money.optional(),
  forecastAmount: Money.optional(),
  stages: z.array(z.object({ stage: z.string(), count: z.number().int(), amount: Money })).default([]),
  atRisk: z.array(z.object({ name: z.string(), reason: z.string() })).default([]),
});

export const LeadsInsightData = z.object({
  kind: z.literal("leads"),
  leads: z
    .array(
      z.object({
        name: z.string(),
        company: z.string().optional(),
        score: z.number().min(0).max(100),
        priority: z.string().optional(),
        reasons: z.array(z.string()).default([]),
      }),
    )
    .min(1),
});

/** A call transcript's analysis: metrics, objections with quotes, next steps, coaching, outlook. */
export const TranscriptInsightData = z.object({
  kind: z.literal("transcript"),
  title: z.string().optional(),
  talkRatio: z.object({ rep: z.number().min(0).max(1), customer: z.number().min(0).max(1) }),
  basis: z.enum(["time", "words"]),
  longestMonologue: z.string().optional(),
  questions: z.object({ rep: z.number().int(), customer: z.number().int() }),
  sentiment: z.string().optional(),
  outlook: z.object({ likelihood: z.number().min(0).max(1), label: z.string() }).optional(),
  objections: z.array(z.object({ type: z.string(), quote: z.string(), answered: z.boolean() })).default([]),
  nextSteps: z.array(z.string()).default([]),
  coaching: z.array(z.object({ advice: z.string(), evidence: z.string().optional() })).default([]),
  logged: z.string().optional(),
});

/** Anything else worth a card: a title, label/value facts and a footnote. */
export const GenericInsightData = z.object({
  kind: z.string(),
  title: z.string().optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  footnote: z.string().optional(),
});

export type DealInsight = z.infer<typeof DealInsightData>;
export type PipelineInsight = z.infer<typeof PipelineInsightData>;
export type LeadsInsight = z.infer<typeof LeadsInsightData>;
export type GenericInsight = z.infer<typeof GenericInsightData>;
export type TranscriptInsight = z.infer<typeof TranscriptInsightData>;
export type InsightData = DealInsight | PipelineInsight | LeadsInsight | TranscriptInsight | GenericInsight;

/** Parses `OutboundMessage.data`; undefined when absent or malformed (render the text alone). */
export function parseInsightData(data: unknown): InsightData | undefined {
  if (data === undefined || data === null) return undefined;
  const kind = (data as { kind?: unknown }).kind;
  const schema =
    kind === "deal"
      ? DealInsightData
      : kind === "pipeline"
        ? PipelineInsightData
        : kind === "leads"
          ? LeadsInsightData
          : kind === "transcript"
            ? TranscriptInsightData
            : GenericInsightData;
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
