import { diffArrays } from "diff";
import type { FeedItem, IntelChangeDetail } from "../../src/core/intel.js";
import { findMoney, formatMoney } from "./money.js";
import { isHeading, isListItem, lineKey, similarity, splitLines, stripMarker, words } from "./normalise.js";

export interface DetectedChange {
  summary: string;
  detail: IntelChangeDetail;
  /** The feed item's own link when it has one; otherwise the source's URL. */
  link?: string;
}

interface Line {
  text: string;
  key: string;
  /** The nearest heading above the line. */
  section?: string;
}

function lines(text: string): Line[] {
  let section: string | undefined;
  return splitLines(text).map((t) => {
    const line = { text: t, key: lineKey(t), section };
    if (isHeading(t)) section = stripMarker(t);
    return line;
  });
}

const PLAN_WORDS = /\b(plan|tier|edition|package|product|bundle|add-on|introducing|launch(?:es|ed)?|new)\b/i;
const FEATURE_MAX_WORDS = 14;
const PAIR_SIMILARITY = 0.5;

/**
 * What changed between two snapshots of a page: a line diff (the `diff` package) over normalised lines —
 * dates, copyright years and counters masked, so those edits are no change at all — then each removed or
 * added line classified. A removed and an added line that differ only in their amounts are a price change
 * with both amounts as numbers; list items and short lines are features added or removed; a new heading that
 * names a plan or product is a new product; anything else is a text change.
 */
export function detectPageChanges(before: string, after: string, options: { pricingPage?: boolean } = {}): DetectedChange[] {
  const a = lines(before);
  const b = lines(after);
  const removed: Line[] = [];
  const added: Line[] = [];
  for (const part of diffArrays(a, b, { comparator: (x, y) => x.key === y.key })) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
  }
  if (removed.length === 0 && added.length === 0) return [];

  const changes: DetectedChange[] = [];
  const pairedAdded = new Set<Line>();
  const pairedRemoved = new Set<Line>();

  // price changes: the same line with different amounts
  for (const r of removed) {
    const oldMoney = findMoney(r.text);
    if (oldMoney.length === 0) continue;
    const candidates = added
      .filter((x) => !pairedAdded.has(x) && findMoney(x.text).length > 0)
      .map((x) => ({ line: x, score: similarity(r.text, x.text) + (x.section === r.section ? 0.2 : 0) }))
      .sort((p, q) => q.score - p.score);
    const best = candidates[0];
    if (!best || best.score < PAIR_SIMILARITY) continue;
    const newMoney = findMoney(best.line.text);
    pairedAdded.add(best.line);
    pairedRemoved.add(r);
    const n = Math.min(oldMoney.length, newMoney.length);
    let priced = false;
    for (let i = 0; i < n; i += 1) {
      const o = oldMoney[i]!;
      const w = newMoney[i]!;
      if (o.amount === w.amount && o.currency === w.currency) continue;
      priced = true;
      const plan = planName(best.line);
      const unit = w.unit ?? o.unit;
      const changePct = o.amount === 0 ? 0 : Math.round(((w.amount - o.amount) / o.amount) * 1000) / 10;
      changes.push({
        summary: `${plan ? `${plan}: ` : ""}price ${formatMoney(o)} → ${formatMoney(w)}${unit ? ` ${unit}` : ""} (${changePct > 0 ? "+" : ""}${changePct}%)`,
        detail: {
          kind: "price_change",
          plan,
          old: { amount: o.amount, currency: o.currency, text: o.text },
          new: { amount: w.amount, currency: w.currency, text: w.text },
          unit,
          changePct,
          oldLine: stripMarker(r.text),
          newLine: stripMarker(best.line.text),
        },
      });
    }
    if (!priced) {
      changes.push(textChange(r, best.line));
    }
  }

  // rewordings of one line: a text change, not a feature lost and another gained
  for (const r of removed) {
    if (pairedRemoved.has(r) || isHeading(r.text)) continue;
    const match = added.find((x) => !pairedAdded.has(x) && !isHeading(x.text) && similarity(r.text, x.text) >= 0.6);
    if (!match) continue;
    pairedRemoved.add(r);
    pairedAdded.add(match);
    changes.push(textChange(r, match));
  }

  for (const r of removed) {
    if (pairedRemoved.has(r)) continue;
    if (isFeatureLine(r.text)) {
      const feature = stripMarker(r.text);
      changes.push({ summary: `feature removed: ${feature}`, detail: { kind: "feature_removed", feature, section: r.section } });
    } else if (!isHeading(r.text)) {
      changes.push({ summary: `text removed: ${clip(stripMarker(r.text))}`, detail: { kind: "text_changed", before: stripMarker(r.text), section: r.section } });
    }
  }
  for (const x of added) {
    if (pairedAdded.has(x)) continue;
    if (isHeading(x.text)) {
      const name = stripMarker(x.text);
      if (PLAN_WORDS.test(name) || options.pricingPage) {
        changes.push({ summary: `new product or plan: ${name}`, detail: { kind: "new_product", name, line: x.text } });
      } else {
        changes.push({ summary: `new section: ${name}`, detail: { kind: "text_changed", after: name } });
      }
    } else if (isFeatureLine(x.text)) {
      const feature = stripMarker(x.text);
      changes.push({ summary: `feature added: ${feature}`, detail: { kind: "feature_added", feature, section: x.section } });
    } else {
      changes.push({ summary: `text added: ${clip(stripMarker(x.text))}`, detail: { kind: "text_changed", after: stripMarker(x.text), section: x.section } });
    }
  }
  return changes;
}

function textChange(r: Line, x: Line): DetectedChange {
  return {
    summary: `text changed: "${clip(stripMarker(r.text))}" → "${clip(stripMarker(x.text))}"`,
    detail: { kind: "text_changed", before: stripMarker(r.text), after: stripMarker(x.text), section: x.section },
  };
}

function isFeatureLine(text: string): boolean {
  return !isHeading(text) && (isListItem(text) || words(text).length <= FEATURE_MAX_WORDS) && findMoney(text).length === 0;
}

/** The plan a price line belongs to: its section heading, or the words before the amount. */
function planName(line: Line): string | undefined {
  if (line.section) return line.section;
  const text = stripMarker(line.text);
  const at = findMoney(text)[0]?.index ?? 0;
  const before = text.slice(0, at).replace(/[:\-–—|]+\s*$/, "").trim();
  return before && words(before).length <= 5 ? before : undefined;
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const FEED_KINDS: [RegExp, "funding" | "hire" | "partnership" | "launch"][] = [
  [/\b(rais(?:es|ed|ing)|funding|series [a-f]|seed round|investment|invests?|valuation|ipo|acquir(?:es|ed)|acquisition)\b/i, "funding"],
  [/\b(hires?|hired|appoints?|appointed|joins as|names? .* (?:ceo|cfo|cto|coo|cro|president)|new (?:ceo|cfo|cto|coo|cro)|chief \w+ officer|vice president)\b/i, "hire"],
  [/\b(partner(?:s|ship)?|alliance|teams up|integration with|integrates with|collaborat(?:es|ion))\b/i, "partnership"],
  [/\b(launch(?:es|ed)?|introduc(?:es|ing|ed)|announc(?:es|ing|ed)|releas(?:es|ed)|now available|unveil(?:s|ed)?|new|general availability|beta)\b/i, "launch"],
];

export function classifyFeedItem(item: FeedItem): "launch" | "funding" | "hire" | "partnership" | "news" {
  const text = `${item.title} ${item.summary ?? ""}`;
  for (const [pattern, kind] of FEED_KINDS) if (pattern.test(item.title)) return kind;
  for (const [pattern, kind] of FEED_KINDS) if (pattern.test(text)) return kind;
  return "news";
}

/** New items in a feed (by id, falling back to link and title): one change each, classified by kind. */
export function detectFeedChanges(before: FeedItem[], after: FeedItem[]): DetectedChange[] {
  const seen = new Set(before.map((i) => i.id));
  return after
    .filter((i) => !seen.has(i.id))
    .map((item) => {
      const itemKind = classifyFeedItem(item);
      return { summary: `${itemKind === "news" ? "news" : `new ${itemKind}`}: ${item.title}`, detail: { kind: "feed_item", itemKind, item }, link: item.link };
    });
}
