/**
 * Multi-touch attribution over journeys (ordered channel touchpoints, then converted or not): the
 * position-based rule (40% first, 40% last, 20% spread over the middle) and the data-driven Markov removal
 * effect (a first-order chain start → channels → conversion/null; a channel's credit is the share of
 * conversions lost when it is removed, normalised over channels).
 */
export interface Path {
  touches: readonly string[];
  converted: boolean;
}

export type Credit = Record<string, number>;

/** Conversions credited to each channel by the 40/20/40 rule; one touch takes all, two split evenly. */
export function positionBased(paths: readonly Path[], first = 0.4, last = 0.4): Credit {
  const credit: Credit = {};
  const add = (c: string, v: number) => (credit[c] = (credit[c] ?? 0) + v);
  for (const p of paths) {
    if (!p.converted || p.touches.length === 0) continue;
    const t = p.touches;
    if (t.length === 1) add(t[0]!, 1);
    else if (t.length === 2) {
      add(t[0]!, 0.5);
      add(t[1]!, 0.5);
    } else {
      add(t[0]!, first);
      add(t[t.length - 1]!, last);
      const middle = (1 - first - last) / (t.length - 2);
      for (let i = 1; i < t.length - 1; i++) add(t[i]!, middle);
    }
  }
  return credit;
}

const START = "(start)";
const CONVERSION = "(conversion)";
const NULL = "(null)";

type Chain = Map<string, Map<string, number>>;

/** Transition probabilities of the first-order chain; repeated touches of one channel collapse into one state visit. */
export function transitionChain(paths: readonly Path[]): Chain {
  const counts: Chain = new Map();
  const bump = (from: string, to: string) => {
    let row = counts.get(from);
    if (!row) counts.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + 1);
  };
  for (const p of paths) {
    const states = [START, ...p.touches.filter((c, i) => i === 0 || c !== p.touches[i - 1]), p.converted ? CONVERSION : NULL];
    for (let i = 0; i + 1 < states.length; i++) bump(states[i]!, states[i + 1]!);
  }
  for (const row of counts.values()) {
    const total = [...row.values()].reduce((s, v) => s + v, 0);
    for (const [k, v] of row) row.set(k, v / total);
  }
  return counts;
}

/** P(reach conversion from start), with `removed` sending every transition into it to null instead. */
export function conversionProbability(chain: Chain, removed?: string): number {
  const states = [...chain.keys()];
  let p = new Map<string, number>(states.map((s) => [s, 0]));
  // value iteration on the absorbing chain: v(s) = Σ P(s→t) v(t), v(conversion) = 1, v(null) = v(removed) = 0
  for (let iter = 0; iter < 10_000; iter++) {
    let delta = 0;
    const next = new Map<string, number>();
    for (const s of states) {
      if (s === removed) {
        next.set(s, 0);
        continue;
      }
      let v = 0;
      for (const [t, prob] of chain.get(s)!) v += prob * (t === CONVERSION ? 1 : t === NULL || t === removed ? 0 : p.get(t) ?? 0);
      next.set(s, v);
      delta = Math.max(delta, Math.abs(v - (p.get(s) ?? 0)));
    }
    p = next;
    if (delta < 1e-12) break;
  }
  return p.get(START) ?? 0;
}

export interface MarkovAttribution {
  /** Conversions credited to each channel (sums to the conversions observed). */
  credit: Credit;
  /** 1 − P(conversion without the channel) / P(conversion): the share of conversions that need it. */
  removalEffect: Record<string, number>;
  baseConversion: number;
}

export function markovAttribution(paths: readonly Path[]): MarkovAttribution {
  const chain = transitionChain(paths);
  const base = conversionProbability(chain);
  const channels = [...new Set(paths.flatMap((p) => p.touches))].sort();
  const removalEffect: Record<string, number> = {};
  for (const c of channels) removalEffect[c] = base > 0 ? 1 - conversionProbability(chain, c) / base : 0;
  const totalEffect = Object.values(removalEffect).reduce((s, v) => s + v, 0);
  const conversions = paths.filter((p) => p.converted && p.touches.length > 0).length;
  const credit: Credit = {};
  for (const c of channels) credit[c] = totalEffect > 0 ? (removalEffect[c]! / totalEffect) * conversions : 0;
  return { credit, removalEffect, baseConversion: base };
}

export interface AttributionRow {
  channel: string;
  positionBased: number;
  markov: number;
  removalEffect: number;
}

/** Both models side by side, as shares of the credited conversions, largest Markov share first. */
export function compareAttribution(paths: readonly Path[]): { rows: AttributionRow[]; conversions: number; paths: number } {
  const pb = positionBased(paths);
  const mk = markovAttribution(paths);
  const pbTotal = Object.values(pb).reduce((s, v) => s + v, 0) || 1;
  const mkTotal = Object.values(mk.credit).reduce((s, v) => s + v, 0) || 1;
  const channels = [...new Set([...Object.keys(pb), ...Object.keys(mk.credit)])];
  const rows = channels
    .map((channel) => ({ channel, positionBased: (pb[channel] ?? 0) / pbTotal, markov: (mk.credit[channel] ?? 0) / mkTotal, removalEffect: mk.removalEffect[channel] ?? 0 }))
    .sort((a, b) => b.markov - a.markov);
  return { rows, conversions: paths.filter((p) => p.converted).length, paths: paths.length };
}
