import { describe, expect, it } from "vitest";
import { parseTranscript } from "./parse.js";
import {
  interactivity,
  longestTurn,
  patience,
  questionCounts,
  sideTurns,
  talkShareByTime,
  talkShareByWords,
  trackKeywords,
  trendSlope,
  turnDurations,
} from "./metrics.js";
import { identifyRep } from "./sides.js";
import { countWords, stripAnnotations } from "./words.js";

const VTT = `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Sam>Hi Dana, how is reporting going today?

00:00:05.000 --> 00:00:15.000
<v Dana>It takes us two days every month. We build it by hand.

00:00:15.500 --> 00:00:20.000
<v Sam>What would you fix first?

00:00:21.000 --> 00:00:25.000
<v Dana>The board pack.
`;

function sided(text: string, rep: string[]) {
  const t = parseTranscript(text);
  return sideTurns(t.turns, identifyRep(t.turns, { explicit: rep }));
}

describe("call metrics on hand-computed values", () => {
  const turns = sided(VTT, ["Sam"]);

  it("counts words without annotations or detached punctuation", () => {
    expect(countWords(stripAnnotations("Okay Right {vocalsound} Um well this is the kick-off meeting . [laughs] (laughter)"))).toBe(9);
    expect(turns.map((t) => t.words)).toEqual([7, 12, 5, 3]);
  });

  it("talk share by time: Sam 4 + 4.5 s of 22.5 s", () => {
    expect(turnDurations(turns)).toEqual([4, 10, 4.5, 4]);
    const share = talkShareByTime(turns)!;
    expect(share.rep).toBeCloseTo(8.5 / 22.5, 10);
    expect(share.customer).toBeCloseTo(14 / 22.5, 10);
  });

  it("talk share by words: 12 of 27", () => {
    expect(talkShareByWords(turns)).toEqual({ rep: 12 / 27, customer: 15 / 27 });
  });

  it("longest monologue and customer story by time", () => {
    expect(longestTurn(turns, "rep")).toMatchObject({ speaker: "Sam", turn: 2, seconds: 4.5, words: 5 });
    expect(longestTurn(turns, "customer")).toMatchObject({ speaker: "Dana", turn: 1, seconds: 10, words: 12 });
  });

  it("interactivity: 3 switches in 25 s and 27 words", () => {
    const i = interactivity(turns);
    expect(i.switches).toBe(3);
    expect(i.perMinute).toBeCloseTo(7.2, 10);
    expect(i.per100Words).toBeCloseTo(300 / 27, 10);
  });

  it("patience: the rep waited 0.5 s after the customer's only measurable turn", () => {
    expect(patience(turns)).toEqual({ seconds: 0.5, measured: 1 });
  });

  it("questions per side, open ones for the rep", () => {
    expect(questionCounts(turns)).toEqual({ rep: 2, customer: 0, repOpen: 1 });
  });

  it("start-only stamps: a turn lasts until the next; the last at 2.5 words a second", () => {
    const t = sided("[00:00] A: one two three\n[00:10] B: one two three four five\n[00:30] A: one two three four five", ["A"]);
    expect(turnDurations(t)).toEqual([10, 20, 2]);
    expect(talkShareByTime(t)!.rep).toBeCloseTo(12 / 32, 10);
    expect(patience(t)).toEqual({ seconds: null, measured: 0 });
  });

  it("no times: shares by words only, monologue by words", () => {
    const t = sided("Rep: a b c d\nCustomer: a b\nRep: a b c d e f", ["Rep"]);
    expect(talkShareByTime(t)).toBeUndefined();
    expect(talkShareByWords(t)).toEqual({ rep: 10 / 12, customer: 2 / 12 });
    expect(longestTurn(t, "rep")).toMatchObject({ turn: 2, words: 6, seconds: null });
    expect(interactivity(t).perMinute).toBeNull();
  });

  it("keyword trackers count whole words per side and keep the first quote", () => {
    const t = sided("Rep: Our pricing is simple. Pricing starts low.\nCustomer: What about price increases? Is the pricing fixed?", ["Rep"]);
    expect(trackKeywords(t, [{ name: "pricing", terms: ["pricing", "price"] }])).toEqual([
      { name: "pricing", count: 4, rep: 2, customer: 2, quote: "Our pricing is simple." },
    ]);
  });

  it("trend slope is the least-squares change from first to last", () => {
    expect(trendSlope([0, 0.5, 1])).toBeCloseTo(1, 10);
    expect(trendSlope([1, 1, 1])).toBe(0);
    expect(trendSlope([0.6, 0.2])).toBeCloseTo(-0.4, 10);
  });
});
