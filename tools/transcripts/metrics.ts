import type { Side, SidedTurn, Turn } from "./types.js";
import type { RepIdentification } from "./sides.js";
import { sideOf } from "./sides.js";
import { countWords, isOpenQuestion, isQuestion, sentencesOf, stripAnnotations } from "./words.js";

/**
 * Gong's call metrics as pure functions over sided turns. Definitions, so anyone can recompute them:
 * - a turn's duration is `end − start`; without an end, up to the next turn's start; the last turn without
 *   an end lasts its words at 2.5 words a second (150 wpm). Times exist only when every turn has a start.
 * - talk share: the rep side's part of all speaking time (or of all words); the customer's is the rest.
 * - a monologue is one uninterrupted turn (consecutive lines of one speaker are one turn).
 * - interactivity: speaker switches per minute (with times) and per 100 words.
 * - patience: mean pause between the end of a customer turn and the start of the rep turn after it, only
 *   where the transcript gives both times (cue end times; never inferred).
 */
export const WORDS_PER_SECOND = 2.5;

export function sideTurns(turns: Turn[], rep: RepIdentification): SidedTurn[] {
  return turns.map((t, index) => {
    const clean = stripAnnotations(t.text);
    return { ...t, index, side: sideOf(t.speaker, rep), clean, words: countWords(clean) };
  });
}

export function hasTimes(turns: readonly Turn[]): boolean {
  return turns.length > 0 && turns.every((t) => t.start !== undefined);
}

/** Seconds each turn lasts, or undefined when the transcript has no times. */
export function turnDurations(turns: readonly SidedTurn[]): number[] | undefined {
  if (!hasTimes(turns)) return undefined;
  return turns.map((t, i) => {
    const next = turns[i + 1];
    const end = t.end ?? (next ? next.start! : t.start! + t.words / WORDS_PER_SECOND);
    return Math.max(0, end - t.start!);
  });
}

export interface SideShare {
  rep: number;
  customer: number;
}

function share(rep: number, customer: number): SideShare {
  const total = rep + customer;
  return total > 0 ? { rep: rep / total, customer: customer / total } : { rep: 0, customer: 0 };
}

export function talkShareByWords(turns: readonly SidedTurn[]): SideShare {
  let rep = 0;
  let customer = 0;
  for (const t of turns) (t.side === "rep" ? (rep += t.words) : (customer += t.words));
  return share(rep, customer);
}

export function talkShareByTime(turns: readonly SidedTurn[]): SideShare | undefined {
  const durations = turnDurations(turns);
  if (!durations) return undefined;
  let rep = 0;
  let customer = 0;
  turns.forEach((t, i) => (t.side === "rep" ? (rep += durations[i]!) : (customer += durations[i]!)));
  return share(rep, customer);
}

export interface Stretch {
  speaker: string;
  side: Side;
  /** Zero-based index of the turn. */
  turn: number;
  words: number;
  seconds: number | null;
  start: number | null;
}

/** The longest turn of one side: by time when there are times, else by words. */
export function longestTurn(turns: readonly SidedTurn[], side: Side): Stretch | undefined {
  const durations = turnDurations(turns);
  let best: Stretch | undefined;
  turns.forEach((t, i) => {
    if (t.side !== side) return;
    const seconds = durations ? durations[i]! : null;
    const candidate: Stretch = { speaker: t.speaker, side, turn: i, words: t.words, seconds, start: t.start ?? null };
    const better = !best || (seconds !== null ? seconds > best.seconds! : t.words > best.words);
    if (better) best = candidate;
  });
  return best;
}

export interface Interactivity {
  switches: number;
  perMinute: number | null;
  per100Words: number;
}

export function callSeconds(turns: readonly SidedTurn[]): number | null {
  const durations = turnDurations(turns);
  if (!durations) return null;
  const first = turns[0]!.start!;
  const lastIndex = turns.length - 1;
  const lastEnd = turns[lastIndex]!.start! + durations[lastIndex]!;
  return Math.max(0, lastEnd - first);
}

export function interactivity(turns: readonly SidedTurn[]): Interactivity {
  let switches = 0;
  for (let i = 1; i < turns.length; i++) if (turns[i]!.speaker !== turns[i - 1]!.speaker) switches += 1;
  const words = turns.reduce((n, t) => n + t.words, 0);
  const seconds = callSeconds(turns);
  return {
    switches,
    perMinute: seconds ? switches / (seconds / 60) : null,
    per100Words: words ? (switches / words) * 100 : 0,
  };
}

export interface Patience {
  /** Mean pause in seconds before the rep answers a customer, or null without cue end times. */
  seconds: number | null;
  /** How many customer → rep hand-overs were measured. */
  measured: number;
}

export function patience(turns: readonly SidedTurn[]): Patience {
  const pauses: number[] = [];
  for (let i = 1; i < turns.length; i++) {
    const prev = turns[i - 1]!;
    const cur = turns[i]!;
    if (prev.side === "customer" && cur.side === "rep" && prev.end !== undefined && cur.start !== undefined) {
      pauses.push(Math.max(0, cur.start - prev.end));
    }
  }
  return { seconds: pauses.length ? pauses.reduce((a, b) => a + b, 0) / pauses.length : null, measured: pauses.length };
}

export interface QuestionCounts {
  rep: number;
  customer: number;
  /** Open questions the rep asked (what / how / why / tell me…). */
  repOpen: number;
}

export function questionCounts(turns: readonly SidedTurn[]): QuestionCounts {
  const counts: QuestionCounts = { rep: 0, customer: 0, repOpen: 0 };
  for (const t of turns) {
    for (const s of sentencesOf(t.clean)) {
      if (!isQuestion(s)) continue;
      counts[t.side] += 1;
      if (t.side === "rep" && isOpenQuestion(s)) counts.repOpen += 1;
    }
  }
  return counts;
}

export interface Tracker {
  name: string;
  terms: string[];
}

export interface TrackerHit {
  name: string;
  count: number;
  rep: number;
  customer: number;
  /** The first sentence that mentions it. */
  quote: string | null;
}

function termPattern(term: string): RegExp {
  const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
}

/** Mentions of each tracker's terms (whole words, any case), per side, with the first quote. */
export function trackKeywords(turns: readonly SidedTurn[], trackers: readonly Tracker[]): TrackerHit[] {
  return trackers.map((tracker) => {
    const patterns = tracker.terms.filter((t) => t.trim()).map(termPattern);
    const hit: TrackerHit = { name: tracker.name, count: 0, rep: 0, customer: 0, quote: null };
    for (const t of turns) {
      for (const sentence of sentencesOf(t.clean)) {
        const n = patterns.reduce((sum, p) => sum + (sentence.match(p)?.length ?? 0), 0);
        if (n === 0) continue;
        hit.count += n;
        hit[t.side] += n;
        hit.quote ??= sentence;
      }
    }
    return hit;
  });
}

/** Least-squares slope of values against their position scaled to 0..1 (change from first to last turn). */
export function trendSlope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const xs = values.map((_, i) => i / (n - 1));
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (values[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}
