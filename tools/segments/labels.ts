import { SEGMENT_FEATURES, type SegmentFeature } from "./features.js";
import { euclidean } from "./silhouette.js";

/**
 * Segment names that mean something and stay put. A new build first inherits the label of the previous
 * build's nearest centroid (compared on the new scale); clusters left over are named by the archetype their
 * centroid resembles most. The same data therefore always gets the same names, and a rebuild on slightly
 * newer data keeps them.
 */
export interface Archetype {
  label: string;
  weights: Partial<Record<SegmentFeature, number>>;
  /** What to tell these accounts, and how. */
  messaging: string;
}

export const ARCHETYPES: readonly Archetype[] = [
  {
    label: "Key accounts",
    weights: { monetary: 1, frequency: 1, lifetime_value: 1, employees: 0.5, revenue: 0.5, recency: -1 },
    messaging: "Protect and expand: executive business reviews, early access to new modules, multi-year and add-on bundles; ask for references.",
  },
  {
    label: "Growth accounts",
    weights: { open_pipeline: 1, engagement: 1, frequency: 0.3, lifetime_value: -0.5 },
    messaging: "Accelerate the open deals: tailored demos of the next tier, customer stories from their sector, a clear path from pilot to rollout.",
  },
  {
    label: "Small and steady",
    weights: { employees: -1, revenue: -1, frequency: 0.3, recency: -0.3 },
    messaging: "Keep it efficient: self-serve content, webinars and onboarding tips, with timely upgrade prompts when usage grows.",
  },
  {
    label: "Lapsed customers",
    weights: { recency: 1, open_pipeline: -1, engagement: -1, lifetime_value: 0.5, win_rate: 0.3 },
    messaging: "Win back: a check-in from the account owner, what is new since they last bought, and a renewal or upgrade offer with a deadline.",
  },
  {
    label: "Not yet converted",
    weights: { lifetime_value: -1, win_rate: -1, open_pipeline: 0.5, recency: 0.5 },
    messaging: "Prove value first: a scoped proof of concept, ROI evidence from similar companies, and an entry plan that lowers the first commitment.",
  },
  {
    label: "Enterprise prospects",
    weights: { employees: 1, revenue: 1, lifetime_value: -1, frequency: -0.5 },
    messaging: "Land with a champion: security and governance material, a stakeholder map and an executive sponsor from our side.",
  },
  {
    label: "Occasional buyers",
    weights: { frequency: -1, recency: 0.5, engagement: -0.5 },
    messaging: "Stay in view: a quarterly value digest and event invitations, with a prompt from the owner when a buying window opens.",
  },
  {
    label: "Engaged, not buying",
    weights: { engagement: 1, win_rate: -1, monetary: -0.5 },
    messaging: "Qualify hard: confirm budget and decision process, and turn their interest into a dated evaluation plan.",
  },
];

export function archetypeScore(z: readonly number[], archetype: Archetype): number {
  let s = 0;
  let norm = 0;
  SEGMENT_FEATURES.forEach((f, j) => {
    const w = archetype.weights[f] ?? 0;
    s += w * z[j]!;
    norm += w * w;
  });
  return norm > 0 ? s / Math.sqrt(norm) : 0;
}

export function archetypeOf(label: string): Archetype | undefined {
  return ARCHETYPES.find((a) => a.label === label);
}

/** Pairs (row, column) by repeatedly taking the best remaining cell. */
function greedyPairs(rows: number, cols: number, value: (r: number, c: number) => number, better: (a: number, b: number) => boolean): [number, number][] {
  const cells: [number, number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push([r, c, value(r, c)]);
  cells.sort((a, b) => (better(a[2], b[2]) ? -1 : better(b[2], a[2]) ? 1 : a[0] - b[0] || a[1] - b[1]));
  const usedR = new Set<number>();
  const usedC = new Set<number>();
  const out: [number, number][] = [];
  for (const [r, c] of cells) {
    if (usedR.has(r) || usedC.has(c)) continue;
    usedR.add(r);
    usedC.add(c);
    out.push([r, c]);
  }
  return out;
}

export interface PreviousSegment {
  label: string;
  /** Centroid standardised with the new build's scaler. */
  z: number[];
}

/** Largest centroid distance (in standard deviations) at which a segment keeps its previous label. */
export const MAX_INHERIT_DISTANCE = 2.5;
/** An archetype names a centroid only if it resembles it this much; otherwise the label describes it. */
export const MIN_ARCHETYPE_SCORE = 0.5;

const DESCRIPTIONS: Record<SegmentFeature, [string, string]> = {
  recency: ["Long since last win", "Recent buyers"],
  frequency: ["Frequent buyers", "Infrequent buyers"],
  monetary: ["High recent spend", "Low recent spend"],
  lifetime_value: ["High lifetime value", "Low lifetime value"],
  win_rate: ["High win rate", "Low win rate"],
  open_pipeline: ["Large open pipeline", "Little open pipeline"],
  employees: ["Large companies", "Small companies"],
  revenue: ["High-revenue companies", "Low-revenue companies"],
  engagement: ["Highly engaged", "Low engagement"],
};

/** "Large companies, frequent buyers": the centroid's two most distinctive features, in words. */
export function describeCentroid(z: readonly number[], taken: ReadonlySet<string>): string {
  const ranked = SEGMENT_FEATURES.map((f, j) => ({ f, v: z[j]! })).sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  const words = ranked.map(({ f, v }) => DESCRIPTIONS[f][v >= 0 ? 0 : 1]);
  for (let n = 2; n <= words.length; n++) {
    const label = [words[0]!, ...words.slice(1, n).map((w) => w.toLowerCase())].join(", ");
    if (!taken.has(label)) return label;
  }
  return words[0]!;
}

export function labelClusters(centroids: readonly (readonly number[])[], previous: readonly PreviousSegment[] = []): string[] {
  const labels = new Array<string | undefined>(centroids.length).fill(undefined);
  for (const [c, p] of greedyPairs(centroids.length, previous.length, (c, p) => euclidean(centroids[c]!, previous[p]!.z), (a, b) => a < b)) {
    if (euclidean(centroids[c]!, previous[p]!.z) <= MAX_INHERIT_DISTANCE) labels[c] = previous[p]!.label;
  }
  const taken = new Set(labels.filter((l): l is string => l !== undefined));
  const open = ARCHETYPES.filter((a) => !taken.has(a.label));
  const unnamed = labels.map((l, i) => (l === undefined ? i : -1)).filter((i) => i >= 0);
  for (const [u, a] of greedyPairs(unnamed.length, open.length, (u, a) => archetypeScore(centroids[unnamed[u]!]!, open[a]!), (x, y) => x > y)) {
    if (archetypeScore(centroids[unnamed[u]!]!, open[a]!) < MIN_ARCHETYPE_SCORE) continue;
    labels[unnamed[u]!] = open[a]!.label;
    taken.add(open[a]!.label);
  }
  return labels.map((l, i) => {
    if (l !== undefined) return l;
    const described = describeCentroid(centroids[i]!, taken);
    taken.add(described);
    return described;
  });
}
