import { describe, expect, it } from "vitest";
import type { AccountRecord, Journey } from "../../src/core/marketing.js";
import { learnJourneyModel } from "../journey/nba.js";
import { buildPlaybook, roleOf } from "./playbook.js";
import { scoreTargets } from "./targets.js";
import { readIcp } from "./tool.js";

const acc = (id: string, sector: string, employees: number, region = "East"): AccountRecord => ({ id, name: `Acct ${id}`, sector, employees, revenueMusd: employees / 5, region, country: null, ownerRepId: "r1", ownerName: "Rita Rep" });
const won = (accountId: string): Journey => ({ dealId: `d-${accountId}`, accountId, outcome: "won", value: 1000, closedAt: new Date("2026-06-01"), stages: [], touches: [] });
const now = new Date("2026-11-30T12:00:00Z");

describe("target accounts", () => {
  const accounts = [acc("w1", "retail", 500), acc("w2", "retail", 600), acc("t1", "retail", 550), acc("t2", "retail", 20_000), acc("t3", "finance", 520)];
  const journeys = [won("w1"), won("w2")];

  it("scores fit by similarity to won accounts and intent from recent engagement, separately", () => {
    const signals = [
      { accountId: "t2", channel: "webinar", direction: "inbound" as const, at: new Date("2026-11-28") },
      { accountId: "t2", channel: "email", direction: "inbound" as const, at: new Date("2026-11-25") },
    ];
    const out = scoreTargets({ accounts, journeys, signals, now });
    const by = Object.fromEntries(out.map((t) => [t.accountId, t]));
    // t1 looks like the won retailers but is silent; t2 is engaged but ten times their size
    expect(by.t1!.fit).toBeGreaterThan(by.t2!.fit);
    expect(by.t1!.intent).toBe(0);
    expect(by.t2!.intent).toBeGreaterThan(0);
    expect(by.t2!.intentSignals.join()).toMatch(/1 webinar in the last 30 days/);
    expect(by.t3!.fit).toBeLessThan(by.t1!.fit); // other sector
    expect(by.w1!.status).toBe("customer");
    expect(scoreTargets({ accounts, journeys, signals, now, icp: { sectors: ["Finance"] } }).map((t) => t.accountId)).toEqual(["t3"]);
  });

  it("reads sector, region and count from the request", () => {
    expect(readIcp("top 20 target accounts in retail", ["retail", "finance"], ["East", "West"])).toEqual({ sectors: ["retail"], regions: [], limit: 20 });
    expect(readIcp("which 5 accounts should we target in the west?", ["retail"], ["East", "West"])).toEqual({ sectors: [], regions: ["West"], limit: 5 });
  });
});

describe("account playbook", () => {
  it("maps roles, names gaps, keeps opted-out people out of the plan and sequences eight weeks with metrics", () => {
    expect(roleOf({ title: "Chief Financial Officer", seniority: "c_level" })).toBe("economic buyer");
    expect(roleOf({ title: "Head of Data", seniority: "director" })).toBe("technical evaluator");
    expect(roleOf({ title: "Finance Manager", seniority: "manager" })).toBe("champion");
    const contact = (id: string, title: string, seniority: string) => ({ id, accountId: "a", name: `P ${id}`, email: `${id}@x.example`, phone: null, title, seniority, timeZone: null });
    const pb = buildPlaybook({
      account: acc("a", "retail", 500),
      contacts: [contact("c1", "Chief Financial Officer", "c_level"), contact("c2", "Finance Manager", "manager"), contact("c3", "BI Developer", "individual")],
      touches: [{ at: new Date("2026-11-20"), channel: "email", direction: "inbound", source: "activity", subject: "", outcome: null, accountId: "a", contactId: "c2", dealId: null }],
      withdrawn: new Set(["c1"]),
      valueProps: [{ title: "Faster month-end close", source: "kb/case.md", excerpt: "…" }],
      model: learnJourneyModel([]),
      now,
    });
    expect(pb.stakeholders.map((s) => [s.role, s.consent, s.engagement])).toEqual([
      ["economic buyer", "withdrawn", "cold"],
      ["champion", "ok", "engaged"],
      ["technical evaluator", "ok", "cold"],
    ]);
    expect(pb.gaps).toEqual(["no reachable economic buyer on file: ask P c2 who it is"]);
    expect(pb.sequence[0]).toMatchObject({ week: 1, channel: "email", audience: "P c2" });
    expect(pb.sequence.at(-1)!.week).toBe(8);
    expect(pb.sequence.every((s) => s.successMetric.length > 0)).toBe(true);
    expect(pb.sequence[0]!.action).toContain("Faster month-end close");
  });
});
