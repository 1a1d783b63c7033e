import type { types } from "@slack/bolt";
import type { OutboundMessage } from "../../src/core/ports.js";
import {
  parseInsightData,
  type DealInsight,
  type GenericInsight,
  type InsightData,
  type LeadsInsight,
  type PipelineInsight,
  type TranscriptInsight,
} from "../../src/core/insight-data.js";
import { clip, escapeMrkdwn, markdownToMrkdwn } from "./mrkdwn.js";

type Block = types.KnownBlock;

/** Block Kit limits (api.slack.com/reference/block-kit): section text 3000, 10 fields of 2000, 50 blocks. */
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;
const BLOCKS_MAX = 50;
const FALLBACK_MAX = 3000;

export interface SlackMessageBody {
  /** Shown in notifications and by clients that cannot render blocks. */
  text: string;
  blocks: Block[];
}

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const percent = (p: number) => `${Math.round(p * 100)}%`;

function section(mrkdwn: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: clip(mrkdwn, SECTION_MAX) } };
}

function fieldsSection(fields: Array<[label: string, value: string | undefined]>): Block | undefined {
  const present = fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "").slice(0, FIELDS_MAX);
  if (present.length === 0) return undefined;
  return {
    type: "section",
    fields: present.map(([label, value]) => ({ type: "mrkdwn" as const, text: clip(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, FIELD_MAX) })),
  };
}

function context(text: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(text, SECTION_MAX) }] };
}

function bullets(title: string, items: string[]): Block | undefined {
  if (items.length === 0) return undefined;
  return section(`*${title}*\n${items.map((i) => `• ${escapeMrkdwn(i)}`).join("\n")}`);
}

/** Splits long answers into several sections at paragraph or line breaks. */
function textSections(text: string): Block[] {
  const mrkdwn = markdownToMrkdwn(text.trim());
  if (!mrkdwn) return [];
  const blocks: Block[] = [];
  let rest = mrkdwn;
  while (rest.length > SECTION_MAX) {
    const window = rest.slice(0, SECTION_MAX);
    const cut = Math.max(window.lastIndexOf("\n\n"), window.lastIndexOf("\n"));
    const at = cut > SECTION_MAX / 2 ? cut : SECTION_MAX;
    blocks.push(section(rest.slice(0, at)));
    rest = rest.slice(at).trimStart();
  }
  if (rest) blocks.push(section(rest));
  return blocks;
}

function dealBlocks(data: DealInsight): Block[] {
  return data.deals.slice(0, 5).flatMap((deal, i) => {
    const title = deal.account ? `*${escapeMrkdwn(deal.name)}* — ${escapeMrkdwn(deal.account)}` : `*${escapeMrkdwn(deal.name)}*`;
    return [
      ...(i > 0 ? [{ type: "divider" } as Block] : []),
      section(title),
      fieldsSection([
        ["Stage", deal.stage],
        ["Amount", deal.amount === undefined ? undefined : money(deal.amount)],
        ["Close probability", deal.closeProbability === undefined ? undefined : percent(deal.closeProbability)],
        ["Expected close", deal.expectedCloseDate ?? undefined],
        ["Owner", deal.owner],
      ]),
      bullets("Risks", deal.risks),
      bullets("Next steps", deal.nextSteps),
    ].filter((b): b is Block => b !== undefined);
  });
}

function pipelineBlocks(data: PipelineInsight): Block[] {
  const stageLines = data.stages.map((s) => `${s.stage}: ${s.count} deals, ${money(s.amount)}`);
  return [
    data.period ? section(`*Pipeline — ${escapeMrkdwn(data.period)}*`) : undefined,
    fieldsSection([
      ["Total", data.totalAmount === undefined ? undefined : money(data.totalAmount)],
      ["Weighted", data.weightedAmount === undefined ? undefined : money(data.weightedAmount)],
      ["Forecast", data.forecastAmount === undefined ? undefined : money(data.forecastAmount)],
    ]),
    bullets("By stage", stageLines),
    bullets("At risk", data.atRisk.map((d) => `${d.name} — ${d.reason}`)),
  ].filter((b): b is Block => b !== undefined);
}

function leadsBlocks(data: LeadsInsight): Block[] {
  return data.leads.slice(0, 10).flatMap((lead) => {
    const who = lead.company ? `${lead.name} (${lead.company})` : lead.name;
    const priority = lead.priority ? ` · ${lead.priority}` : "";
    const blocks: Block[] = [section(`*${Math.round(lead.score)}* ${escapeMrkdwn(who)}${escapeMrkdwn(priority)}`)];
    if (lead.reasons.length) blocks.push(context(lead.reasons.map(escapeMrkdwn).join(" · ")));
    return blocks;
  });
}

function transcriptBlocks(data: TranscriptInsight): Block[] {
  const objections = data.objections.map((o) => `${o.type.replace(/_/g, " ")}${o.answered ? "" : " (not answered)"}: “${o.quote}”`);
  const coaching = data.coaching.map((c) => (c.evidence ? `${c.advice} — ${c.evidence}` : c.advice));
  return [
    data.title ? section(`*${escapeMrkdwn(data.title)}*`) : undefined,
    fieldsSection([
      [`Talk share (by ${data.basis})`, `rep ${percent(data.talkRatio.rep)} · customer ${percent(data.talkRatio.customer)}`],
      ["Longest monologue", data.longestMonologue],
      ["Questions", `rep ${data.questions.rep} · customer ${data.questions.customer}`],
      ["Sentiment", data.sentiment],
      ["Outlook", data.outlook ? `${data.outlook.label} (${percent(data.outlook.likelihood)})` : undefined],
    ]),
    bullets("Objections", objections),
    bullets("Next steps", data.nextSteps),
    bullets("Coaching", coaching),
    data.logged ? context(escapeMrkdwn(data.logged)) : undefined,
  ].filter((b): b is Block => b !== undefined);
}

function genericBlocks(data: GenericInsight): Block[] {
  return [
    data.title ? section(`*${escapeMrkdwn(data.title)}*`) : undefined,
    fieldsSection(Object.entries(data.facts).map(([k, v]) => [k, String(v)])),
    data.footnote ? context(escapeMrkdwn(data.footnote)) : undefined,
  ].filter((b): b is Block => b !== undefined);
}

function insightBlocks(data: InsightData): Block[] {
  switch (data.kind) {
    case "deal":
      return dealBlocks(data as DealInsight);
    case "pipeline":
      return pipelineBlocks(data as PipelineInsight);
    case "leads":
      return leadsBlocks(data as LeadsInsight);
    case "transcript":
      return transcriptBlocks(data as TranscriptInsight);
    default:
      return genericBlocks(data as GenericInsight);
  }
}

/**
 * One answer as a Slack message: the answer text as mrkdwn sections, then a card for structured insight data
 * (deal, pipeline, leads or generic facts), then a context line naming the skill. `text` keeps a plain
 * fallback for notifications.
 */
export function renderBlocks(message: OutboundMessage): SlackMessageBody {
  const data = parseInsightData(message.data);
  const card = data ? insightBlocks(data) : [];
  const blocks = [
    ...textSections(message.text),
    ...(card.length ? [{ type: "divider" } as Block, ...card] : []),
    context(`_${message.intent.replace(/_/g, " ")}_`),
  ];
  return {
    text: clip(markdownToMrkdwn(message.text.trim()) || "(no answer)", FALLBACK_MAX),
    blocks: blocks.length > BLOCKS_MAX ? [...blocks.slice(0, BLOCKS_MAX - 1), blocks[blocks.length - 1]!] : blocks,
  };
}
