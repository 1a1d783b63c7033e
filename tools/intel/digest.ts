import type { Clock } from "../../src/core/clock.js";
import type { IntelChange, IntelChangeDetail, IntelStore } from "../../src/core/intel.js";
import { BadInputError } from "../../src/core/errors.js";
import { formatMoney } from "./money.js";

export interface DigestItem {
  kind: IntelChangeDetail["kind"];
  summary: string;
  link: string;
  /** The snapshot the claim comes from, and the one it was compared with. */
  snapshotId: string;
  previousSnapshotId?: string;
  detectedAt: string;
  price?: { plan?: string; old: number; new: number; currency: string; unit?: string; changePct: number };
  whyItMatters: string;
  battlecardSections: string[];
  detail: IntelChangeDetail;
}

export interface CompetitorDigest {
  competitor: string;
  items: DigestItem[];
  talkTrack: string;
  battlecardSections: string[];
}

export interface Digest {
  since: string;
  until: string;
  competitor?: string;
  competitors: CompetitorDigest[];
  /** `extractive` (local mode) or `llm`: the narrative was written by the model and checked against the items. */
  writtenBy: "extractive" | "llm";
  narrative?: string;
}

/** `7d`, `24h`, `2w` → milliseconds; anything else is bad input. */
export function parseSince(value: string): number {
  const m = /^(\d{1,4})\s*([hdw])$/i.exec(value.trim());
  if (!m) throw new BadInputError(`--since: expected a duration such as 7d, 24h or 2w (got '${value}')`);
  const n = Number(m[1]);
  return n * { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as "h" | "d" | "w"];
}

const IMPORTANCE: Record<IntelChangeDetail["kind"], number> = { price_change: 0, new_product: 1, feature_removed: 2, feature_added: 3, feed_item: 4, text_changed: 5 };

function why(d: IntelChangeDetail): { why: string; sections: string[] } {
  switch (d.kind) {
    case "price_change":
      return d.new.amount > d.old.amount
        ? { why: `They raised the price by ${Math.abs(d.changePct)}%: existing customers face a higher renewal and our total cost comparison improves.`, sections: ["Pricing notes", "Objections and answers"] }
        : { why: `They cut the price by ${Math.abs(d.changePct)}%: expect it in negotiations and check our cost comparison.`, sections: ["Pricing notes", "Objections and answers", "When we lose"] };
    case "feature_removed":
      return { why: `"${d.feature}" is no longer listed: a gap for customers who rely on it.`, sections: ["When we win", "Landmine questions"] };
    case "feature_added":
      return { why: `"${d.feature}" is new: a claim prospects may repeat; check whether it closes a gap we win on.`, sections: ["When we lose", "Objections and answers"] };
    case "new_product":
      return { why: `A new plan or product ("${d.name}") can change the shortlist and the price comparison.`, sections: ["Quick take", "Pricing notes"] };
    case "feed_item":
      return {
        why: {
          launch: "A launch they will lead with in deals.",
          funding: "Funding or an acquisition: expect more sales and marketing pressure.",
          hire: "A leadership hire often precedes a change of strategy or pricing.",
          partnership: "A partnership can strengthen their ecosystem story.",
          news: "Company news worth knowing before the next call.",
        }[d.itemKind],
        sections: d.itemKind === "launch" || d.itemKind === "partnership" ? ["When we lose", "Objections and answers"] : ["Quick take"],
      };
    case "text_changed":
      return { why: "Wording changed on a watched page.", sections: [] };
  }
}

function talkTrack(competitor: string, items: DigestItem[]): string {
  const first = items[0];
  if (!first) return "";
  const d = first.detail;
  switch (d.kind) {
    case "price_change":
      return d.new.amount > d.old.amount
        ? `"${competitor} just moved ${d.plan ? `${d.plan} ` : ""}from ${formatMoney(d.old)} to ${formatMoney(d.new)}${d.unit ? ` ${d.unit}` : ""}. Our plans include users in one annual price — let's compare what you'd pay at renewal."`
        : `"${competitor} lowered ${d.plan ? `${d.plan} ` : ""}to ${formatMoney(d.new)}${d.unit ? ` ${d.unit}` : ""}. Price per seat is one line; let's compare the total with viewers, governance and support included."`;
    case "feature_removed":
      return `"Did you know ${competitor} no longer lists ${d.feature}? If your team depends on it, ask them how it will be replaced."`;
    case "feature_added":
      return `"${competitor} now advertises ${d.feature}. Ask to see it on your own data — and compare it with how we do it today."`;
    case "new_product":
      return `"${competitor} introduced ${d.name}. Ask what it costs on top of what you have, and what it replaces."`;
    case "feed_item":
      return `"You may have seen that ${d.item.title}. Here is what it means — and doesn't — for a team like yours."`;
    case "text_changed":
      return `Check ${competitor}'s updated wording before your next call: ${first.link}`;
  }
}

export function toDigestItem(c: IntelChange): DigestItem {
  const w = why(c.detail);
  const d = c.detail;
  return {
    kind: d.kind,
    summary: c.summary,
    link: c.link,
    snapshotId: c.snapshotId,
    previousSnapshotId: c.previousSnapshotId,
    detectedAt: c.detectedAt.toISOString(),
    ...(d.kind === "price_change"
      ? { price: { plan: d.plan, old: d.old.amount, new: d.new.amount, currency: d.new.currency, unit: d.unit, changePct: d.changePct } }
      : {}),
    whyItMatters: w.why,
    battlecardSections: w.sections,
    detail: d,
  };
}

/** Changes grouped per competitor, the most important first (price, new products, features, news, wording). */
export function buildDigest(changes: IntelChange[], window: { since: Date; until: Date; competitor?: string }): Digest {
  const byCompetitor = new Map<string, IntelChange[]>();
  for (const c of changes) byCompetitor.set(c.competitor, [...(byCompetitor.get(c.competitor) ?? []), c]);
  const competitors = [...byCompetitor.entries()]
    .map(([competitor, list]) => {
      const items = list.map(toDigestItem).sort((a, b) => IMPORTANCE[a.kind] - IMPORTANCE[b.kind] || a.detectedAt.localeCompare(b.detectedAt));
      return { competitor, items, talkTrack: talkTrack(competitor, items), battlecardSections: [...new Set(items.flatMap((i) => i.battlecardSections))] };
    })
    .sort((a, b) => a.competitor.localeCompare(b.competitor));
  return { since: window.since.toISOString(), until: window.until.toISOString(), competitor: window.competitor, competitors, writtenBy: "extractive" };
}

const SHOWN_PER_COMPETITOR = 8;

/** The digest as text for chat and the terminal: per competitor what changed (link, snapshot), why, talk track. */
export function renderDigest(digest: Digest): string {
  const range = `${digest.since.slice(0, 10)} to ${digest.until.slice(0, 10)}`;
  if (digest.competitors.length === 0) {
    return `No competitor changes detected ${digest.competitor ? `for ${digest.competitor} ` : ""}from ${range}. Watched sources are fetched on a schedule; add one with \`salesgraph intel source add\`.`;
  }
  const out = [`Competitor digest, ${range}:`];
  if (digest.narrative) out.push("", digest.narrative);
  for (const c of digest.competitors) {
    out.push("", `## ${c.competitor}`);
    for (const item of c.items.slice(0, SHOWN_PER_COMPETITOR)) {
      out.push(`- ${item.summary} — ${item.link} [S${item.snapshotId}]`);
      if (item.kind !== "text_changed") out.push(`  Why it matters: ${item.whyItMatters}`);
    }
    if (c.items.length > SHOWN_PER_COMPETITOR) out.push(`- …and ${c.items.length - SHOWN_PER_COMPETITOR} more (salesgraph intel digest --competitor "${c.competitor}")`);
    if (c.talkTrack) out.push(`Talk track: ${c.talkTrack}`);
    if (c.battlecardSections.length) out.push(`Battlecard sections to update: ${c.battlecardSections.join(", ")}`);
  }
  return out.join("\n");
}

export interface DigestWriter {
  /** Rewords a grounded draft (the LLM provider's `phrase`); local mode returns the draft. */
  phrase(request: { instruction: string; draft: string; facts?: string }): Promise<string>;
  kind: "local" | "openai";
}

const INSTRUCTION =
  "Write a short competitive-intelligence briefing for sales reps from these facts: at most one bullet per fact, " +
  "most important first. End every bullet with the fact's marker, e.g. [S12]. Use only the facts; keep every " +
  "number exactly as given; add no fact, price, date or name.";

/**
 * The narrative for LLM mode: every bullet must carry a snapshot marker the digest contains, and every number
 * in it must appear in the facts; otherwise the extractive digest stands alone.
 */
export async function writeNarrative(digest: Digest, writer: DigestWriter): Promise<Digest> {
  if (writer.kind === "local" || digest.competitors.length === 0) return digest;
  const facts = digest.competitors.flatMap((c) => c.items.map((i) => `[S${i.snapshotId}] ${c.competitor}: ${i.summary} (${i.link})`));
  const draft = facts.map((f) => `- ${f}`).join("\n");
  const text = (await writer.phrase({ instruction: INSTRUCTION, draft, facts: facts.join("\n") })).trim();
  if (!text || text === draft.trim()) return digest;
  const known = new Set(digest.competitors.flatMap((c) => c.items.map((i) => i.snapshotId)));
  const factNumbers = new Set(facts.join(" ").match(/\d+(?:[.,]\d+)?/g) ?? []);
  const bullets = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const grounded = bullets.every((line) => {
    const cited = [...line.matchAll(/\[S(\d+)\]/g)].map((m) => m[1]!);
    if (cited.length === 0 || cited.some((id) => !known.has(id))) return false;
    return (line.replace(/\[S\d+\]/g, "").match(/\d+(?:[.,]\d+)?/g) ?? []).every((n) => factNumbers.has(n));
  });
  return grounded ? { ...digest, writtenBy: "llm", narrative: text } : digest;
}

export function createDigestService(deps: { store: IntelStore; clock: Clock; writer?: DigestWriter }) {
  return {
    async digest(options: { since?: string; competitor?: string } = {}): Promise<Digest> {
      const until = deps.clock.now();
      const since = new Date(until.getTime() - parseSince(options.since ?? "7d"));
      const changes = await deps.store.changesSince(since, { competitor: options.competitor });
      const digest = buildDigest(changes, { since, until, competitor: options.competitor });
      return deps.writer ? writeNarrative(digest, deps.writer) : digest;
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
