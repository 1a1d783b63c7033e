import { terms as defaultTerms } from "./tokenize.js";

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation: 0 none, 1 full. */
  b?: number;
  tokenize?: (text: string) => string[];
}

export interface ScoredId {
  id: number;
  score: number;
}

export interface Bm25Index {
  readonly size: number;
  search(query: string, k: number, filter?: (id: number) => boolean): ScoredId[];
}

/** Okapi BM25 idf, never negative: ln(1 + (N − df + 0.5) / (df + 0.5)). */
export function bm25Idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Keyword index over one corpus. Statistics (idf, average length) come from this corpus only, so an
 * index of public chunks learns nothing from internal ones.
 */
export function createBm25Index(docs: readonly { id: number; text: string }[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const tokenize = options.tokenize ?? defaultTerms;
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float64Array(docs.length);
  const ids = docs.map((d) => d.id);
  docs.forEach((doc, index) => {
    const tokens = tokenize(doc.text);
    lengths[index] = tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(index);
      list.tfs.push(n);
    }
  });
  const avgLength = docs.length ? lengths.reduce((a, n) => a + n, 0) / docs.length : 0;

  return {
    size: docs.length,
    search(query, k, filter) {
      if (k <= 0 || docs.length === 0) return [];
      const scores = new Map<number, number>();
      for (const term of new Set(tokenize(query))) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = bm25Idf(docs.length, list.docs.length);
        for (let i = 0; i < list.docs.length; i++) {
          const index = list.docs[i]!;
          if (filter && !filter(ids[index]!)) continue;
          const tf = list.tfs[i]!;
          const norm = tf + k1 * (1 - b + (b * lengths[index]!) / (avgLength || 1));
          scores.set(index, (scores.get(index) ?? 0) + (idf * (tf * (k1 + 1))) / norm);
        }
      }
      return [...scores]
        .map(([index, score]) => ({ id: ids[index]!, score }))
        .sort((x, y) => y.score - x.score || x.id - y.id)
        .slice(0, k);
    },
  };
}
