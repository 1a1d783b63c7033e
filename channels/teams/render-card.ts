import type { Activity } from "botbuilder";
import {
  parseInsightData,
  type DealInsight,
  type GenericInsight,
  type InsightData,
  type LeadsInsight,
  type PipelineInsight,
  type TranscriptInsight,
} from "../../src/core/insight-data.js";
import type { OutboundMessage } from "../../src/core/ports.js";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** The highest Adaptive Card version Teams renders on desktop, web and mobile. */
const CARD_VERSION = "1.5";
/** Teams refuses messages over ~28 KB; stay well below it. */
const TEXT_MAX = 12_000;

type Element = Record<string, unknown>;

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const percent = (p: number) => `${Math.round(p * 100)}%`;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function textBlock(text: string, style: Record<string, unknown> = {}): Element {
  return { type: "TextBlock", text, wrap: true, ...style };
}

function heading(text: string): Element {
  return textBlock(text, { weight: "Bolder", size: "Medium", spacing: "Medium" });
}

function factSet(facts: Array<[title: string, value: string | undefined]>): Element | undefined {
  const present = facts.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "");
  if (present.length === 0) return undefined;
  return { type: "FactSet", facts: present.map(([title, value]) => ({ title, value })) };
}

function bulletList(title: string, items: string[]): Element | undefined {
  if (items.length === 0) return undefined;
  return textBlock(`**${title}**\n\n${items.map((i) => `- ${i}`).join("\n")}`, { spacing: "Small" });
}

const present = (elements: Array<Element | undefined>) => elements.filter((e): e is Element => e !== undefined);

function dealElements(data: DealInsight): Element[] {
  return data.deals.slice(0, 5).map((deal, i) => ({
    type: "Container",
    separator: i > 0,
    spacing: "Medium",
    items: present([
      heading(deal.account ? `${deal.name} — ${deal.account}` : deal.name),
      factSet([
        ["Stage", deal.stage],
        ["Amount", deal.amount === undefined ? undefined : money(deal.amount)],
        ["Close probability", deal.closeProbability === undefined ? undefined : percent(deal.closeProbability)],
        ["Expected close", deal.expectedCloseDate ?? undefined],
        ["Owner", deal.owner],
      ]),
      bulletList("Risks", deal.risks),
      bulletList("Next steps", deal.nextSteps),
    ]),
  }));
}

function pipelineElements(data: PipelineInsight): Element[] {
  return present([
    heading(data.period ? `Pipeline — ${data.period}` : "Pipeline"),
    factSet([
      ["Total", data.totalAmount === undefined ? undefined : money(data.totalAmount)],
      ["Weighted", data.weightedAmount === undefined ? undefined : money(data.weightedAmount)],
      ["Forecast", data.forecastAmount === undefined ? undefined : money(data.forecastAmount)],
    ]),
    data.stages.length ? textBlock("**By stage**", { spacing: "Medium" }) : undefined,
    factSet(data.stages.map((s) => [s.stage, `${s.count} deals · ${money(s.amount)}`])),
    bulletList("At risk", data.atRisk.map((d) => `${d.name} — ${d.reason}`)),
  ]);
}

function leadsElements(data: LeadsInsight): Element[] {
  return present([
    heading("Lead scores"),
    factSet(
      data.leads.slice(0, 10).map((lead) => {
        const who = lead.company ? `${lead.name} (${lead.company})` : lead.name;
        const why = lead.reasons.length ? ` — ${lead.reasons.slice(0, 3).join(", ")}` : "";
        return [`${Math.round(lead.score)}${lead.priority ? ` · ${lead.priority}` : ""}`, `${who}${why}`];
      }),
    ),
  ]);
}

function transcriptElements(data: TranscriptInsight): Element[] {
  return present([
    heading(data.title ?? "Call review"),
    factSet([
      [`Talk share (by ${data.basis})`, `rep ${percent(data.talkRatio.rep)} · customer ${percent(data.talkRatio.customer)}`],
      ["Longest monologue", data.longestMonologue],
      ["Questions", `rep ${data.questions.rep} · customer ${data.questions.customer}`],
      ["Sentiment", data.sentiment],
      ["Outlook", data.outlook ? `${data.outlook.label} (${percent(data.outlook.likelihood)})` : undefined],
    ]),
    bulletList(
      "Objections",
      data.objections.map((o) => `${o.type.replace(/_/g, " ")}${o.answered ? "" : " (not answered)"}: “${o.quote}”`),
    ),
    bulletList("Next steps", data.nextSteps),
    bulletList("Coaching", data.coaching.map((c) => (c.evidence ? `${c.advice} — ${c.evidence}` : c.advice))),
    data.logged ? textBlock(data.logged, { isSubtle: true, size: "Small" }) : undefined,
  ]);
}

function genericElements(data: GenericInsight): Element[] {
  return present([
    data.title ? heading(data.title) : undefined,
    factSet(Object.entries(data.facts).map(([k, v]) => [k, String(v)])),
    data.footnote ? textBlock(data.footnote, { isSubtle: true, size: "Small" }) : undefined,
  ]);
}

function insightElements(data: InsightData): Element[] {
  switch (data.kind) {
    case "deal":
      return dealElements(data as DealInsight);
    case "pipeline":
      return pipelineElements(data as PipelineInsight);
    case "leads":
      return leadsElements(data as LeadsInsight);
    case "transcript":
      return transcriptElements(data as TranscriptInsight);
    default:
      return genericElements(data as GenericInsight);
  }
}

/** An Adaptive Card for one answer: the answer text, the insight as facts, and the skill that answered. */
export function adaptiveCard(message: OutboundMessage, data: InsightData): Element {
  const text = clip(message.text.trim(), TEXT_MAX);
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: CARD_VERSION,
    fallbackText: text,
    msteams: { width: "Full" },
    body: [
      ...(text ? [textBlock(text)] : []),
      ...insightElements(data),
      textBlock(message.intent.replace(/_/g, " "), { isSubtle: true, size: "Small", spacing: "Medium" }),
    ],
  };
}

/**
 * One answer as a Teams message. Insights (deal, pipeline, leads or generic facts in `data`) become an
 * Adaptive Card whose `summary` is the text, for notifications and clients without cards; everything else
 * is a plain Markdown text message.
 */
export function renderActivity(message: OutboundMessage): Partial<Activity> {
  const data = parseInsightData(message.data);
  const text = clip(message.text.trim(), TEXT_MAX);
  if (!data) return { type: "message", text, textFormat: "markdown" };
  return {
    type: "message",
    summary: clip(text, 200),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: adaptiveCard(message, data) }],
  };
}
