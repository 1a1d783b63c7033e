import { describe, expect, it } from "vitest";
import { dealWarnings, isDecisionMaker, type DealActivity } from "./deal-warnings.js";

const DAY = 86_400_000;
const asOf = Date.parse("2026-11-01T12:00:00Z");
const ana = { name: "Ana Ruiz", title: "IT Manager", seniority: "manager" };
const cfo = { name: "Li Wei", title: "Chief Financial Officer", seniority: null };
const act = (daysAgo: number, direction: DealActivity["direction"], contact: DealActivity["contact"] = ana): DealActivity => ({ occurredAt: asOf - daysAgo * DAY, direction, contact });

describe("deal warnings from CRM activity", () => {
  it("ghosted: outreach keeps going with no reply, with the evidence", () => {
    const w = dealWarnings({ expectedCloseDate: null }, [act(40, "inbound"), act(30, "outbound"), act(20, "outbound"), act(5, "outbound")], asOf);
    expect(w.find((x) => x.kind === "ghosted")?.evidence).toBe("3 outreach since the last reply on 2026-09-22; silent 40 days");
    expect(dealWarnings({ expectedCloseDate: null }, [act(30, "outbound"), act(3, "inbound"), act(2, "outbound")], asOf).map((x) => x.kind)).not.toContain("ghosted");
  });

  it("no decision maker and single-threaded when one manager is all the deal has met", () => {
    const w = dealWarnings({ expectedCloseDate: null }, [act(50, "outbound"), act(40, "inbound"), act(10, "inbound")], asOf);
    expect(w.map((x) => x.kind)).toEqual(["no_decision_maker", "single_threaded"]);
    expect(w[0]!.evidence).toContain("Ana Ruiz (IT Manager)");
    const multi = dealWarnings({ expectedCloseDate: null }, [act(50, "outbound"), act(40, "inbound", cfo), act(10, "inbound")], asOf);
    expect(multi).toEqual([]);
  });

  it("a close date in the past on an open deal, and decision makers by seniority or title", () => {
    expect(dealWarnings({ expectedCloseDate: "2026-10-01" }, [], asOf)).toEqual([{ kind: "past_close_date", evidence: "expected close 2026-10-01 passed 30 days ago and the deal is still open" }]);
    expect(isDecisionMaker({ title: null, seniority: "vp" })).toBe(true);
    expect(isDecisionMaker({ title: "Head of Data", seniority: "manager" })).toBe(true);
    expect(isDecisionMaker({ title: "Analyst", seniority: "individual" })).toBe(false);
  });
});
