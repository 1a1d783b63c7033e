import { terms } from "../../../knowledge/tokenize.js";
import { isNonTopical, questionTerms } from "./relevance.js";

export interface Passage {
  /** Citation number in the retrieval's rank order (1-based). */
  n: number;
  source: string;
  title: string;
  heading: string;
  text: string;
  url?: string;
  /** Sentences of `text` that are rendered table rows (see knowledge/table-text.ts). */
  rows?: string[];
}

export interface PickedSentence {
  n: number;
  text: string;
  score: number;
}

/**
 * Plain sentences of a Markdown-ish passage: paragraphs and list items re-joined across wrapped lines,
 * emphasis removed, then split at sentence ends.
 */
export function splitSentences(text: string): string[] {
  const items: string[] = [];
  for (const block of text.replace(/\*\*|__|`/g, "").split(/\n\s*\n/)) {
    let current = "";
    for (const raw of block.split("\n")) {
      const line = raw.trim();
      if (/^(?:[-*+]|\d+\.)\s+/.test(line) || /^#+\s/.test(line)) {
        if (current) items.push(current);
        current = line.replace(/^(?:[-*+]|\d+\.)\s+|^#+\s+/, "");
      } else current = current ? `${current} ${line}` : line;
    }
    if (current) items.push(current);
  }
  return items
    .flatMap((item) => item.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

const MONEY = /\$\s?\d/;
const ASKS_PRICE = new Set(terms("cost costs much price prices pricing pay expensive charge fee fees"));
const PRICE_TERM = terms("price")[0]!;

/** Whether the question asks what something costs (then sentences stating a price are wanted). */
export function asksPrice(question: string): boolean {
  return terms(question).some((t) => ASKS_PRICE.has(t));
}

export interface SentenceContext {
  pricing?: boolean;
  /** Title of the passage's document: a sentence on the "Helix Pro" page is about Pro. */
  title?: string;
  /** Heading of the passage: a sentence under "Price and what is included" is about a price. */
  context?: string;
  rank?: number;
}

/**
 * Scores a sentence by the question terms it holds — topical terms 2, others 1, brand and question words 0 —
 * counting its passage's title and heading as context. A sentence must match on its own (or, for a pricing
 * question, state a price) to score at all; a small penalty per retrieval rank breaks ties.
 */
export function scoreSentence(question: string, sentence: string, options: SentenceContext = {}): number {
  const own = new Set(terms(sentence));
  const title = new Set(terms(options.title ?? ""));
  const withContext = new Set([...own, ...title, ...terms(options.context ?? "")]);
  const topical = questionTerms(question);
  const asked = new Set(terms(question).filter((t) => !isNonTopical(t) || t === PRICE_TERM));
  const pricing = options.pricing ?? asksPrice(question);
  if (pricing) asked.add(PRICE_TERM);
  const money = pricing && MONEY.test(sentence);
  // under a heading that names everything the question is about ("Hosting and data residency"), the
  // section's sentences answer it even when they do not repeat its words
  const heading = new Set(terms(options.context ?? ""));
  const underHeading = topical.length > 0 && topical.every((t) => heading.has(t));
  if (![...asked].some((t) => own.has(t)) && !money && !underHeading) return 0;
  let score = 0;
  for (const t of asked) if (withContext.has(t)) score += topical.includes(t) ? 2 : 1;
  for (const t of topical) if (title.has(t)) score += 1;
  if (money) score += 2;
  return score - (options.rank ?? 0) * 0.1;
}

/** The best `max` sentences from the top passages, in passage-then-document order, never two alike. */
export function pickSentences(question: string, passages: readonly Passage[], options: { max?: number; pricing?: boolean } = {}): PickedSentence[] {
  const max = options.max ?? 3;
  const scored: (PickedSentence & { order: number })[] = [];
  let order = 0;
  passages.forEach((p, rank) => {
    for (const text of splitSentences(p.text)) {
      const score = scoreSentence(question, text, { pricing: options.pricing, title: p.title, context: p.heading, rank });
      if (score > 0) scored.push({ n: p.n, text, score, order: order++ });
    }
  });
  const seen = new Set<string>();
  const best = scored
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .filter((s) => {
      const key = s.text.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max);
  const top = best[0]?.score ?? 0;
  // a sentence far weaker than the best one is noise next to it
  return best.filter((s) => s.score >= top * 0.8).sort((a, b) => a.order - b.order).map(({ n, text, score }) => ({ n, text, score }));
}
