import { describe, expect, it } from "vitest";
import { describeFactor, readableColumn } from "./factor-text.js";

describe("readable lead factors", () => {
  it("turns column names into words", () => {
    expect(readableColumn("days_since_activity")).toBe("days since activity");
    expect(readableColumn("TotalVisits")).toBe("total visits");
    expect(readableColumn("Lead Source")).toBe("lead source");
  });

  it("reads like a sentence: quantity first for counts, the category quoted, missing said so", () => {
    expect(describeFactor({ column: "days_since_last_activity", value: "29.4", effect: -0.62 })).toBe("29 days since last activity lowers the score");
    expect(describeFactor({ column: "Lead Source", value: "Reference", effect: 1.8 })).toBe('lead source "Reference" strongly raises the score');
    expect(describeFactor({ column: "company_size", value: "(missing)", effect: -0.05 })).toBe("no company size given slightly lowers the score");
    expect(describeFactor({ column: "score", value: "3.25", effect: 0.4 })).toBe("score of 3.3 raises the score");
  });
});
