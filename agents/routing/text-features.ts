/** Sparse TF-IDF features over word n-grams and within-word character n-grams. */

export interface FeaturizerOptions {
  /** Inclusive word n-gram lengths, e.g. [1, 2] for unigrams and bigrams. */
  wordNgrams: readonly [number, number];
  /** Inclusive character n-gram lengths taken inside space-padded words ("char_wb"); [0, 0] turns them off. */
  charNgrams: readonly [number, number];
  /** A term must occur in at least this many training texts to enter the vocabulary. */
  minDf: number;
  /** Use 1 + ln(tf) instead of the raw count. */
  sublinearTf: boolean;
  /** Weight of the character block relative to the word block (each block is L2-normalised first). */
  charWeight: number;
}

export const DEFAULT_FEATURIZER_OPTIONS: FeaturizerOptions = {
  wordNgrams: [1, 2],
  charNgrams: [2, 5],
  minDf: 1,
  sublinearTf: true,
  charWeight: 0.5,
};

/** Sorted, duplicate-free indices with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const WORD = "w|";
const CHAR = "c|";
/** Stands for "no letters or digits at all" (emoji, punctuation, empty), so such texts still carry a feature. */
export const NO_WORDS_TERM = "<no-words>";
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/**
 * NFKC, accents folded, lowercase; apostrophes joined ("don't" → "dont"); currency signs, % and emoji kept
 * as tokens of their own; other punctuation becomes space.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/([$€£%]|\p{Extended_Pictographic})/gu, " $1 ")
    .replace(/[^\p{L}\p{N}$€£%\p{Extended_Pictographic}]+/gu, " ")
    .trim();
}

export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === "" ? [] : normalized.split(" ");
}

export function wordNgrams(tokens: readonly string[], min: number, max: number): string[] {
  const grams: string[] = [];
  for (let n = Math.max(1, min); n <= max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) grams.push(tokens.slice(i, i + n).join(" "));
  }
  return grams;
}

/** Character n-grams of each token padded with one space either side, never spanning two words. */
export function charNgrams(tokens: readonly string[], min: number, max: number): string[] {
  const grams: string[] = [];
  if (min < 1) return grams;
  for (const token of tokens) {
    if (!ALPHANUMERIC.test(token)) continue;
    const padded = ` ${token} `;
    for (let n = min; n <= max && n <= padded.length; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}

/** Term counts, word and character terms kept apart by a prefix. */
export function countTerms(text: string, options: FeaturizerOptions): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  if (!tokens.some((token) => ALPHANUMERIC.test(token))) counts.set(WORD + NO_WORDS_TERM, 1);
  for (const gram of wordNgrams(tokens, options.wordNgrams[0], options.wordNgrams[1])) {
    const key = WORD + gram;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const gram of charNgrams(tokens, options.charNgrams[0], options.charNgrams[1])) {
    const key = CHAR + gram;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Smoothed IDF, as if one extra document held every term: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log((1 + documentCount) / (1 + documentFrequency)) + 1;
}

export function termFrequencyWeight(count: number, sublinear: boolean): number {
  return sublinear ? 1 + Math.log(count) : count;
}

export interface SerializedFeaturizer {
  format: "tfidf/1";
  options: FeaturizerOptions;
  terms: string[];
  idf: number[];
}

export class TextFeaturizer {
  private readonly index: Map<string, number>;

  private constructor(
    readonly options: FeaturizerOptions,
    private readonly terms: readonly string[],
    private readonly idf: Float64Array,
  ) {
    this.index = new Map(terms.map((term, i) => [term, i]));
  }

  static fit(texts: readonly string[], options: Partial<FeaturizerOptions> = {}): TextFeaturizer {
    const resolved: FeaturizerOptions = { ...DEFAULT_FEATURIZER_OPTIONS, ...options };
    const documentFrequency = new Map<string, number>();
    for (const text of texts) {
      for (const term of countTerms(text, resolved).keys()) {
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
    }
    const terms = [...documentFrequency.entries()]
      .filter(([, df]) => df >= resolved.minDf)
      .map(([term]) => term)
      .sort();
    const idf = Float64Array.from(terms, (term) =>
      inverseDocumentFrequency(texts.length, documentFrequency.get(term) ?? 0),
    );
    return new TextFeaturizer(resolved, terms, idf);
  }

  get dimension(): number {
    return this.terms.length;
  }

  transform(text: string): SparseVector {
    const entries: [number, number, boolean][] = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (const [term, count] of countTerms(text, this.options)) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const weight = termFrequencyWeight(count, this.options.sublinearTf) * this.idf[i]!;
      const isChar = term.startsWith(CHAR);
      if (isChar) charNorm += weight * weight;
      else wordNorm += weight * weight;
      entries.push([i, weight, isChar]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? this.options.charWeight / Math.sqrt(charNorm) : 0;
    const total = Math.sqrt((wordNorm > 0 ? 1 : 0) + (charNorm > 0 ? this.options.charWeight ** 2 : 0));
    const indices = new Int32Array(entries.length);
    const values = new Float32Array(entries.length);
    entries.forEach(([i, weight, isChar], k) => {
      indices[k] = i;
      values[k] = (weight * (isChar ? charScale : wordScale)) / total;
    });
    return { indices, values };
  }

  toJSON(): SerializedFeaturizer {
    return {
      format: "tfidf/1",
      options: { ...this.options },
      terms: [...this.terms],
      idf: Array.from(this.idf),
    };
  }

  static fromJSON(json: SerializedFeaturizer): TextFeaturizer {
    if (json.format !== "tfidf/1" || json.terms.length !== json.idf.length) {
      throw new Error("not a serialized tfidf/1 featurizer");
    }
    return new TextFeaturizer(json.options, json.terms, Float64Array.from(json.idf));
  }
}
