import { renderTables, type TextTable } from "../../../knowledge/table-text.js";
import { terms } from "../../../knowledge/tokenize.js";
import type { Actor, Channel } from "../../../src/core/domain.js";
import { NotFoundError } from "../../../src/core/errors.js";
import type { CatalogOutput } from "../../../tools/catalog/schema.js";
import type { KnowledgeSearchResult } from "../../../tools/knowledge/schema.js";
import type { SalesGraphDeps } from "../deps.js";
import type { LeadProfile, ToolResult } from "../state.js";
import { composeParts, declineText, partDeclineText, type AnswerSentence } from "./compose.js";
import { asksAboutCompany, asksPlanFit, definitionSubject, refersBack, splitQuestion, teamSizeIn } from "./question-parts.js";
import { isConfident, questionTerms, termCoverage } from "./relevance.js";
import { asksPrice, pickSentences, splitSentences, type Passage } from "./sentences.js";

export interface KnowledgeQuestion {
  question: string;
  actor: Actor;
  channel: Channel;
  conversationId: string;
  profile?: LeadProfile;
}

export interface KnowledgeAnswer {
  /** True when every part of the question was answered from the knowledge base or the price list. */
  confident: boolean;
  /** The reply: grounded sentences with [n] markers and a sources list, or an honest "I don't know". */
  text: string;
  toolResults: ToolResult[];
}

export type KnowledgeAnswerDeps = Pick<SalesGraphDeps, "tools" | "llm">;

/** Passages the answer may quote from; lower ranks rarely add anything but noise. */
const QUOTED_PASSAGES = 5;
/** Two SMS segments. */
export const SMS_BUDGET = 320;

const INSTRUCTION =
  "Reword this answer to a prospect's question so it reads naturally. Use only the facts given; keep every " +
  "citation marker [n] next to the fact it supports; keep list items as a list; add no fact, price or feature; " +
  "no more than five sentences.";

const MONEY = /[$€£¥]\s?\d|\d\s?(?:USD|EUR|GBP)\b/;
const USERS_HEADER = /\b(users?|seats?|licen[cs]es?)\b/i;
const OVERVIEW = /\b(overview|about|introduction|intro|who we are|company|what we do)\b/i;

interface PartAnswer {
  question: string;
  sentences: AnswerSentence[];
  facts: string[];
}

interface Turn {
  deps: KnowledgeAnswerDeps;
  input: KnowledgeQuestion;
  toolResults: ToolResult[];
  maxSentences: number;
}

/**
 * A grounded answer to a prospect's (or rep's) question: each question in the message answered on its own
 * from the knowledge base — or, for a plan and team size, from the price list with the arithmetic — with
 * one numbered sources list for the channel. Declines honestly when the knowledge base lacks the answer.
 */
export async function answerFromKnowledge(deps: KnowledgeAnswerDeps, input: KnowledgeQuestion): Promise<KnowledgeAnswer> {
  const parts = splitQuestion(input.question);
  const first = await answerParts(deps, input, parts, input.channel === "sms" ? 2 : 3);
  let { answers } = first;
  const toolResults = first.toolResults;
  if (input.channel === "sms" && render(answers, input.channel).length > SMS_BUDGET) {
    // two segments: one sentence per part, the shortest of the ones picked (all are close to the best)
    const shortest = (list: AnswerSentence[]) => [...list].sort((a, b) => a.text.length - b.text.length).slice(0, 1);
    answers = answers.map((a) => ({ ...a, sentences: a.sentences[0]?.row ? a.sentences.slice(0, 3) : shortest(a.sentences) }));
  }
  const answered = answers.filter((a) => a.sentences.length > 0);
  if (answered.length === 0) return { confident: false, text: declineText(), toolResults };

  const composed = composeParts(
    answers.map((a) => a.sentences),
    input.channel,
  );
  let body = composed.body;
  if (deps.llm.kind !== "local") {
    body = await deps.llm.phrase({ instruction: INSTRUCTION, draft: body, facts: answers.flatMap((a) => a.facts).join("\n\n") });
  }
  const missing = answers.filter((a) => a.sentences.length === 0).map((a) => partDeclineText(a.question));
  const joiner = input.channel === "sms" ? " " : "\n\n";
  const text = [[body, ...missing].join(joiner), composed.sources].filter(Boolean).join(input.channel === "sms" ? "\n" : "\n\n");
  return { confident: missing.length === 0, text, toolResults };
}

async function answerParts(deps: KnowledgeAnswerDeps, input: KnowledgeQuestion, parts: string[], maxSentences: number) {
  const turn: Turn = { deps, input, toolResults: [], maxSentences };
  const answers: PartAnswer[] = [];
  let previous = "";
  for (const part of parts) {
    const topic = refersBack(part) && previous ? ` ${questionTerms(previous).join(" ")}` : "";
    answers.push(await answerPart(turn, part, `${part}${topic}`));
    previous = part;
  }
  return { answers, toolResults: turn.toolResults };
}

function render(answers: PartAnswer[], channel: Channel): string {
  const c = composeParts(
    answers.map((a) => a.sentences),
    channel,
  );
  return `${c.body}\n${c.sources}`;
}

async function answerPart(turn: Turn, part: string, query: string): Promise<PartAnswer> {
  const fit = await planFit(turn, part);
  if (fit) return fit;
  if (asksAboutCompany(part)) {
    const overview = await overviewAnswer(turn, part, `${query} overview about company products`, () => true);
    if (overview) return overview;
  }
  const subject = definitionSubject(part);
  if (subject) {
    const wanted = terms(subject);
    const definition = await overviewAnswer(turn, part, query, (p) => wanted.every((t) => terms(p.title).includes(t)));
    if (definition) return definition;
  }
  return generalAnswer(turn, part, query);
}

async function search(turn: Turn, query: string, k: number): Promise<KnowledgeSearchResult[]> {
  const { input, deps } = turn;
  const context = { actor: input.actor, channel: input.channel, conversationId: input.conversationId };
  const { results } = await deps.tools.call<{ results: KnowledgeSearchResult[] }>("knowledge_search", { query: query.slice(0, 500), k }, context);
  turn.toolResults.push({ tool: "knowledge_search", ok: true, output: { results } });
  return results;
}

/** Table columns worth reading out for this question: the ones it names, and prices and user counts for a price question. */
function columnsFor(question: string, pricing: boolean, channel: Channel) {
  const asked = new Set(questionTerms(question));
  return (table: TextTable): number[] => {
    const cols = table.header
      .map((_, i) => i)
      .filter((i) => i > 0)
      .filter(
        (i) =>
          terms(table.header[i]!).some((t) => asked.has(t)) ||
          (pricing && (USERS_HEADER.test(table.header[i]!) || table.rows.some((r) => MONEY.test(r[i] ?? "")))),
      );
    if (cols.length > 0) return cols;
    return channel === "sms" ? [1, 2].filter((i) => i < table.header.length) : [];
  };
}

function toPassage(r: KnowledgeSearchResult, question: string, pricing: boolean, channel: Channel): Passage {
  const rendered = renderTables(r.text, columnsFor(question, pricing, channel));
  return { n: r.n, source: r.source, title: r.title, heading: r.heading, url: r.url, text: rendered.text, rows: rendered.rows };
}

function sentenceOf(p: Passage, text: string): AnswerSentence {
  return { text, doc: { title: p.title, source: p.source, url: p.url }, row: p.rows?.includes(text) };
}

function factsOf(passages: readonly Passage[]): string[] {
  return passages.map((p) => `${p.title} — ${p.heading}\n${p.text}`);
}

/**
 * The passage that describes the subject overall, quoted from its opening: among the candidates, documents
 * whose title or heading says overview/about/introduction first, then a document's lead section, then rank.
 */
async function overviewAnswer(turn: Turn, part: string, query: string, candidate: (p: Passage) => boolean): Promise<PartAnswer | undefined> {
  const passages = (await search(turn, query, 10)).map((r) => toPassage(r, part, false, turn.input.channel)).filter(candidate);
  if (passages.length === 0) return undefined;
  const rankOf = (p: Passage) =>
    (OVERVIEW.test(p.title) ? 4 : 0) + (OVERVIEW.test(p.heading) ? 2 : 0) + (p.heading === "" ? 1 : 0) - terms(p.title).length * 0.01 - p.n * 0.001;
  const best = [...passages].sort((a, b) => rankOf(b) - rankOf(a))[0]!;
  const sentences = splitSentences(best.text).filter((s) => !best.rows?.includes(s)).slice(0, turn.maxSentences);
  if (sentences.length === 0) return undefined;
  return { question: part, sentences: sentences.map((s) => sentenceOf(best, s)), facts: factsOf([best]) };
}

async function generalAnswer(turn: Turn, part: string, query: string): Promise<PartAnswer> {
  const pricing = asksPrice(part);
  const topical = terms(part).filter((t) => questionTerms(part).includes(t));
  const vague = pricing && questionTerms(part).every((t) => asksPrice(t) || terms("much many").includes(t));
  // list prices sit under "Price" headings; the words people ask with ("how much", "cost") rarely appear there
  const q = vague ? `${query} plans list price per year` : pricing ? `${query} list price` : query;
  const results = await search(turn, q, QUOTED_PASSAGES);
  let passages = results.slice(0, QUOTED_PASSAGES).map((r) => toPassage(r, part, pricing, turn.input.channel));
  const none: PartAnswer = { question: part, sentences: [], facts: [] };
  if (passages.length === 0) return none;

  if (vague) {
    // "How much does it cost?" names no product: the passage listing the most prices answers it
    const priced = passages
      .map((p) => ({ p, prices: splitSentences(p.text).filter((s) => MONEY.test(s)).length }))
      .filter((x) => x.prices > 0)
      .sort((a, b) => b.prices - a.prices || a.p.n - b.p.n);
    if (priced.length === 0) return none;
    passages = [priced[0]!.p];
  } else {
    const best = Math.max(0, ...passages.map((p) => termCoverage(`${part}${query.slice(part.length)}`, `${p.title} ${p.heading} ${p.text}`)));
    if (!isConfident(best) || topical.length === 0 && !pricing) return none;
    if (pricing) {
      // "How much is Helix Pro?": the page about Helix Pro answers it, not an add-on page that mentions Pro
      const asked = new Set(terms(part));
      const focus = passages.filter((p) => terms(p.title).length > 0 && terms(p.title).every((t) => asked.has(t)) && MONEY.test(p.text));
      if (focus.length > 0) passages = focus;
    }
  }
  const picked = pickSentences(part, passages, { pricing, max: vague ? 6 : turn.maxSentences });
  const rowsFirst = vague ? picked.filter((s) => passages.find((p) => p.n === s.n)?.rows?.includes(s.text)) : [];
  const chosen = rowsFirst.length > 0 ? rowsFirst : picked.slice(0, turn.maxSentences);
  return {
    question: part,
    sentences: chosen.map((s) => sentenceOf(passages.find((p) => p.n === s.n)!, s.text)),
    facts: factsOf(passages),
  };
}

/**
 * "We're 40 people, which plan?": the price list quoted for the team, the arithmetic shown. Needs a team size
 * (stated in the question, or known from the profile when the question asks about plans or prices) and a
 * price list; without either it leaves the question to the knowledge base.
 */
async function planFit(turn: Turn, part: string): Promise<PartAnswer | undefined> {
  const stated = teamSizeIn(part);
  const teamSize = stated ?? (asksPlanFit(part) ? turn.input.profile?.teamSize : undefined);
  if (!teamSize) return undefined;
  const list = await callCatalog(turn, { action: "list" });
  if (list?.action !== "list" || list.products.length === 0) return undefined;
  const lower = part.toLowerCase();
  const named = list.products.filter((p) => lower.includes(p.name.toLowerCase())).sort((a, b) => b.name.length - a.name.length)[0];
  if (named && named.kind !== "plan") return undefined;
  const quote = await callCatalog(turn, { action: "quote", teamSize, ...(named ? { productId: named.id } : {}) });
  if (quote?.action !== "quote") return undefined;
  const known = quote.options.some((o) => o.fits !== undefined);
  if (!known || quote.explanation.length === 0) return undefined;
  const doc = quote.evidence[0] ?? { title: "Price list", source: "catalog" };
  const sentences = quote.explanation.slice(0, turn.maxSentences).map((text) => ({ text, doc }));
  return { question: part, sentences, facts: [quote.explanation.join(" "), ...quote.options.map((o) => JSON.stringify(o.product))] };
}

async function callCatalog(turn: Turn, input: { action: "list" } | { action: "quote"; teamSize: number; productId?: string }): Promise<CatalogOutput | undefined> {
  const { deps, input: q } = turn;
  if (!deps.tools.names().includes("catalog")) return undefined;
  try {
    const output = await deps.tools.call<CatalogOutput>("catalog", input, { actor: q.actor, channel: q.channel, conversationId: q.conversationId });
    turn.toolResults.push({ tool: "catalog", ok: true, output });
    return output;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    turn.toolResults.push({ tool: "catalog", ok: false, output: { error: error.message } });
    return undefined;
  }
}
