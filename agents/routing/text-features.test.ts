import { describe, expect, it } from "vitest";
import {
  NO_WORDS_TERM,
  TextFeaturizer,
  charNgrams,
  countTerms,
  DEFAULT_FEATURIZER_OPTIONS,
  inverseDocumentFrequency,
  normalizeText,
  termFrequencyWeight,
  tokenize,
  wordNgrams,
} from "./text-features.js";

const norm = (values: Float32Array): number => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));

describe("normalizeText", () => {
  it("lowercases, folds accents and compatibility forms, joins apostrophes and drops punctuation", () => {
    expect(normalizeText("Don't STOP — it's the Café №1!")).toBe("dont stop its the cafe no1");
  });

  it("keeps digits and currency signs as tokens", () => {
    expect(tokenize("Is it $50/mo or 20% off?")).toEqual(["is", "it", "$", "50", "mo", "or", "20", "%", "off"]);
  });

  it("keeps emoji as tokens of their own", () => {
    expect(tokenize("thanks👍")).toEqual(["thanks", "👍"]);
  });
});

describe("n-grams", () => {
  it("builds word unigrams and bigrams", () => {
    expect(wordNgrams(["how", "much", "is"], 1, 2)).toEqual(["how", "much", "is", "how much", "much is"]);
  });

  it("builds character n-grams inside space-padded words only", () => {
    expect(charNgrams(["ab", "c"], 2, 3)).toEqual([" a", "ab", "b ", " ab", "ab ", " c", "c ", " c "]);
  });

  it("marks texts without letters or digits", () => {
    expect([...countTerms("👍", DEFAULT_FEATURIZER_OPTIONS).keys()]).toContain(`w|${NO_WORDS_TERM}`);
    expect([...countTerms("ok 👍", DEFAULT_FEATURIZER_OPTIONS).keys()]).not.toContain(`w|${NO_WORDS_TERM}`);
  });
});

describe("weights", () => {
  it("uses smoothed IDF and sublinear TF", () => {
    expect(inverseDocumentFrequency(3, 3)).toBeCloseTo(1, 12);
    expect(inverseDocumentFrequency(3, 1)).toBeCloseTo(Math.log(2) + 1, 12);
    expect(termFrequencyWeight(3, true)).toBeCloseTo(1 + Math.log(3), 12);
    expect(termFrequencyWeight(3, false)).toBe(3);
  });
});

describe("TextFeaturizer", () => {
  const corpus = ["how much does it cost", "book a demo", "stop texting me", "how does it work"];

  it("produces sorted, unit-length sparse vectors", () => {
    const featurizer = TextFeaturizer.fit(corpus);
    const vector = featurizer.transform("how much is a demo");
    expect(vector.indices.length).toBeGreaterThan(0);
    expect([...vector.indices]).toEqual([...vector.indices].sort((a, b) => a - b));
    expect(norm(vector.values)).toBeCloseTo(1, 5);
  });

  it("computes the exact TF-IDF value of a one-term word block", () => {
    const featurizer = TextFeaturizer.fit(["a b", "a"], { wordNgrams: [1, 1], charNgrams: [0, 0] });
    const vector = featurizer.transform("b b");
    expect(vector.indices.length).toBe(1);
    expect(vector.values[0]).toBeCloseTo(1, 6);
  });

  it("returns an empty vector for text made only of unseen terms", () => {
    const featurizer = TextFeaturizer.fit(corpus, { charNgrams: [0, 0] });
    expect(featurizer.transform("zebra").indices.length).toBe(0);
  });

  it("drops terms rarer than minDf", () => {
    const all = TextFeaturizer.fit(corpus, { minDf: 1 });
    const frequent = TextFeaturizer.fit(corpus, { minDf: 2 });
    expect(frequent.dimension).toBeLessThan(all.dimension);
  });

  it("round-trips through JSON to identical vectors", () => {
    const featurizer = TextFeaturizer.fit(corpus);
    const copy = TextFeaturizer.fromJSON(JSON.parse(JSON.stringify(featurizer.toJSON())));
    for (const text of ["how much", "stop", "demo please"]) {
      expect(copy.transform(text)).toEqual(featurizer.transform(text));
    }
  });
});
