import { describe, expect, it } from "vitest";
import { ALL, buildOutcomeHistory, smoothedRate } from "./outcome-history.js";

const day = (n: number) => Date.UTC(2026, 0, 1) + n * 86_400_000;
const deal = (repId: string, stage: "won" | "lost" | "proposal", closedDay: number | null, accountId = "a1") => ({
  repId,
  accountId,
  stage,
  closedAt: closedDay === null ? null : day(closedDay),
});

describe("outcome history", () => {
  const deals = [deal("r1", "won", 10), deal("r1", "lost", 20), deal("r1", "won", 30), deal("r2", "lost", 15, "a2"), deal("r1", "proposal", null)];
  const history = buildOutcomeHistory(deals);

  it("counts only deals closed strictly before the moment asked about", () => {
    expect(history.before("rep:r1", day(10))).toEqual({ closed: 0, won: 0 });
    expect(history.before("rep:r1", day(10) + 1)).toEqual({ closed: 1, won: 1 });
    expect(history.before("rep:r1", day(25))).toEqual({ closed: 2, won: 1 });
    expect(history.before("rep:r1", day(99))).toEqual({ closed: 3, won: 2 });
    expect(history.before(ALL, day(16))).toEqual({ closed: 2, won: 1 });
    expect(history.before("account:a2", day(16))).toEqual({ closed: 1, won: 0 });
    expect(history.before("rep:nobody", day(99))).toEqual({ closed: 0, won: 0 });
  });

  it("does not leak later outcomes: flipping a deal closed after the moment changes nothing", () => {
    const flipped = buildOutcomeHistory([deals[0]!, deals[1]!, deal("r1", "lost", 30), deals[3]!]);
    for (const at of [day(5), day(12), day(21), day(30)]) {
      expect(flipped.before("rep:r1", at)).toEqual(history.before("rep:r1", at));
    }
    expect(flipped.before("rep:r1", day(31))).not.toEqual(history.before("rep:r1", day(31)));
  });

  it("shrinks small samples toward the prior", () => {
    expect(smoothedRate({ closed: 0, won: 0 }, 0.6)).toBeCloseTo(0.6, 12);
    expect(smoothedRate({ closed: 5, won: 5 }, 0.6, 5)).toBeCloseTo(0.8, 12);
  });
});
