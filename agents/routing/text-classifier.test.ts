import { describe, expect, it } from "vitest";
import { TextClassifier, rankLabels } from "./text-classifier.js";

const examples = [
  ...["how much is it", "what does pro cost", "price per seat", "is there a discount"].map((text) => ({ text, label: "pricing" })),
  ...["book a demo", "schedule a call", "can i see a demo", "set up a meeting"].map((text) => ({ text, label: "demo" })),
  ...["hi", "hello there", "thanks", "good morning"].map((text) => ({ text, label: "smalltalk" })),
  ...["how is the globex deal", "risks on the initech deal", "close date for hooli"].map((text) => ({ text, label: "deal" })),
];

describe("TextClassifier", () => {
  const classifier = TextClassifier.train(examples, { model: { epochs: 30 } });

  it("predicts the label of texts close to its examples", () => {
    expect(classifier.predict("how much does it cost").label).toBe("pricing");
    expect(classifier.predict("could we book a demo").label).toBe("demo");
    expect(classifier.predict("hello!").label).toBe("smalltalk");
  });

  it("ranks every label with probabilities summing to 1", () => {
    const { ranked, confidence } = classifier.predict("what is the price");
    expect(ranked.map((r) => r.label).sort()).toEqual(["deal", "demo", "pricing", "smalltalk"]);
    expect(ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 9);
    expect(confidence).toBe(ranked[0]!.probability);
  });

  it("renormalises over the allowed labels only", () => {
    const full = classifier.predict("risks on the globex deal");
    expect(full.label).toBe("deal");
    const restricted = classifier.predict("risks on the globex deal", ["pricing", "demo", "smalltalk"]);
    expect(restricted.ranked.map((r) => r.label)).not.toContain("deal");
    expect(restricted.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 9);
    const allowedMass = full.ranked.filter((r) => r.label !== "deal").reduce((s, r) => s + r.probability, 0);
    const pricing = full.ranked.find((r) => r.label === "pricing")!.probability;
    expect(restricted.ranked.find((r) => r.label === "pricing")!.probability).toBeCloseTo(pricing / allowedMass, 9);
  });

  it("gives identical predictions after a JSON round trip", () => {
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    for (const text of ["how much", "demo tomorrow?", "hey", "globex risk", "", "👍"]) {
      expect(copy.predict(text)).toEqual(classifier.predict(text));
    }
  });

  it("refuses a restriction to labels it does not know", () => {
    expect(() => classifier.predict("hi", ["unknown"])).toThrow(RangeError);
  });
});

describe("rankLabels", () => {
  it("sorts best first and breaks ties by label", () => {
    expect(rankLabels(["b", "a", "c"], [0.25, 0.25, 0.5])).toEqual([
      { label: "c", probability: 0.5 },
      { label: "a", probability: 0.25 },
      { label: "b", probability: 0.25 },
    ]);
  });
});
