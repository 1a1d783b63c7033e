import { l2normalize, type Embedder } from "./embedder.js";
import { terms } from "./tokenize.js";

export interface LocalEmbedderOptions {
  /** Vector length; features are hashed into it. */
  dimensions?: number;
}

export const LOCAL_EMBEDDER_DIMENSIONS = 512;

/** Weights of the three feature families; words carry most of the meaning, n-grams catch variants and typos. */
const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.6;
const CHAR_WEIGHT = 0.25;

/**
 * Offline, deterministic embeddings: stemmed words, word bigrams and character 3–4-grams of each word,
 * hashed into a fixed-size signed vector with sub-linear term frequency, then L2-normalised. No corpus
 * statistics, so a chunk's vector never changes when other documents arrive; BM25 beside it supplies IDF.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? LOCAL_EMBEDDER_DIMENSIONS;
  const embed = (text: string) => localEmbedding(text, dimensions);
  return {
    id: `local-hash-v1-${dimensions}`,
    embedDocuments: async (texts) => texts.map(embed),
    embedQuery: async (text) => embed(text),
  };
}

export function localEmbedding(text: string, dimensions: number = LOCAL_EMBEDDER_DIMENSIONS): Float32Array {
  const features = new Map<string, { weight: number; count: number }>();
  const add = (feature: string, weight: number) => {
    const f = features.get(feature);
    if (f) f.count++;
    else features.set(feature, { weight, count: 1 });
  };
  const tokens = terms(text);
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    add(`w:${word}`, WORD_WEIGHT);
    if (i > 0) add(`b:${tokens[i - 1]} ${word}`, BIGRAM_WEIGHT);
    for (const g of charGrams(word)) add(`c:${g}`, CHAR_WEIGHT);
  }
  const vector = new Float32Array(dimensions);
  for (const [feature, { weight, count }] of features) {
    const h = fnv1a(feature);
    // sub-linear tf: a word repeated ten times is not ten times as important
    const value = weight * (1 + Math.log(count));
    vector[h % dimensions]! += h & 0x80000000 ? -value : value;
  }
  return l2normalize(vector);
}

/** Character 3- and 4-grams of a word with boundary marks: "sso" → "<ss", "sso", "so>", "<sso", "sso>". */
export function charGrams(word: string): string[] {
  const marked = `<${word}>`;
  const grams: string[] = [];
  for (const n of [3, 4]) {
    for (let i = 0; i + n <= marked.length; i++) grams.push(marked.slice(i, i + n));
  }
  return grams;
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
