import { describe, expect, it } from "vitest";
import type { Journey } from "../../src/core/marketing.js";
import { compareAttribution, markovAttribution, positionBased } from "./attribution.js";
import { pathsOf, responseWindows, stageTransitions, touchEffectiveness } from "./journeys.js";
import { learnJourneyModel, nextBestAction } from "./nba.js";

const paths = [
  { touches: ["A", "B"], converted: true },
  { touches: ["A"], converted: false },
  { touches: ["B"], converted: true },
];

describe("attribution", () => {
  it("position-based gives 40/20/40, splits two touches evenly and gives a single touch everything", () => {
    const credit = positionBased([{ touches: ["email", "call", "demo", "meeting"], converted: true }]);
    for (const [k, v] of Object.entries({ email: 0.4, call: 0.1, demo: 0.1, meeting: 0.4 })) expect(credit[k]).toBeCloseTo(v, 12);
    expect(positionBased(paths)).toEqual({ A: 0.5, B: 1.5 });
  });

  it("Markov removal effects match the hand-worked chain (P = 2/3; without A 1/3, without B 0)", () => {
    const m = markovAttribution(paths);
    expect(m.baseConversion).toBeCloseTo(2 / 3, 10);
    expect(m.removalEffect.A).toBeCloseTo(0.5, 10);
    expect(m.removalEffect.B).toBeCloseTo(1, 10);
    expect(m.credit.A).toBeCloseTo(2 / 3, 10);
    expect(m.credit.B).toBeCloseTo(4 / 3, 10);
  });

  it("compares both as shares that each sum to 1", () => {
    const { rows } = compareAttribution(paths);
    expect(rows.map((r) => r.channel)).toEqual(["B", "A"]);
    expect(rows.reduce((s, r) => s + r.markov, 0)).toBeCloseTo(1, 10);
    expect(rows.reduce((s, r) => s + r.positionBased, 0)).toBeCloseTo(1, 10);
  });
});

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 0, d, h));

function journey(id: string, outcome: Journey["outcome"], kinds: [string, "inbound" | "outbound" | null, string | null, number][]): Journey {
  return {
    dealId: id,
    accountId: "acc",
    outcome,
    value: 1000,
    closedAt: outcome === "open" ? null : day(20),
    stages: [
      { stage: "prospecting", at: day(1) },
      { stage: "qualification", at: day(5) },
      ...(outcome === "open" ? [] : [{ stage: outcome, at: day(20) }]),
    ],
    touches: kinds.map(([channel, direction, o, h], i) => ({ channel, direction, outcome: o, at: day(2 + i, h) })),
  };
}

/** Won deals had demos and calls answered in the morning; lost ones only unanswered afternoon emails. */
const history: Journey[] = [
  ...Array.from({ length: 12 }, (_, i) => journey(`w${i}`, "won", [["call", "outbound", "connected", 10], ["demo", null, "completed", 10], ["email", "outbound", "replied", 10]])),
  ...Array.from({ length: 12 }, (_, i) => journey(`l${i}`, "lost", [["email", "outbound", "no reply", 16], ["call", "outbound", "no answer", 16]])),
];

describe("journeys", () => {
  it("learns stage transitions with probabilities and median days", () => {
    const t = stageTransitions(history);
    const q = t.filter((x) => x.from === "qualification");
    expect(q.map((x) => [x.to, x.probability])).toEqual(expect.arrayContaining([["won", 0.5], ["lost", 0.5]]));
    expect(t.find((x) => x.from === "prospecting")).toMatchObject({ to: "qualification", probability: 1, medianDays: 4 });
  });

  it("measures touch effectiveness as win rate with vs without, and the best response window", () => {
    const demo = touchEffectiveness(history).find((e) => e.touch === "demo");
    expect(demo).toMatchObject({ journeys: 12, winRateWith: 1, winRateWithout: 0, lift: 1 });
    const callWindows = responseWindows(history).filter((w) => w.channel === "call");
    expect(callWindows[0]).toMatchObject({ window: "9:00–12:00 UTC", responseRate: 1, channelRate: 0.5 });
    expect(pathsOf(history)).toHaveLength(24);
  });

  it("recommends the play with the largest lift on a reachable channel, with evidence, and suppresses it without consent", () => {
    const model = learnJourneyModel(history);
    const contact = { id: "c1", accountId: "acc", name: "Ada Ng", email: "ada@example.com", phone: "+14155550100", title: "CFO", seniority: "c_level", timeZone: null };
    const openDeal = { id: "d1", name: "Acme Helix", accountId: "acc", product: "Helix", stage: "qualification", amount: 1000, closeValue: null, engagedAt: day(1), closedAt: null, expectedCloseDate: null, ownerRepId: "r1" };
    const nba = nextBestAction({ contact, sector: "retail", openDeal, touches: [], consentWithdrawn: false, model, now: day(25) });
    expect(nba.action).toBe("run a tailored demo");
    expect(nba.expectedLift.action).toBe(100);
    expect(nba.content).toMatch(/CFO/);
    expect(nba.timeWindow).toMatch(/within 5 business days/);
    expect(nba.evidence.join(" ")).toMatch(/won 100% of 12 closed deals/);
    const stopped = nextBestAction({ contact, sector: "retail", openDeal, touches: [], consentWithdrawn: true, model, now: day(25) });
    expect(stopped.suppressed).toMatch(/consent/);
    expect(stopped.channel).toBe("none");
  });
});
