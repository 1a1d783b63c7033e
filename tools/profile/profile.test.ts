import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import type { AccountRecord, ContactRecord, DealRecord, Journey, MarketingCrm, Touch } from "../../src/core/marketing.js";
import { formatProfile } from "./format.js";
import { createInsightsCache } from "./insights.js";
import { lifecycleOf, profileFor } from "./profile.js";

const NOW = "2026-11-30T12:00:00.000Z";
const account = (id: string, name: string): AccountRecord => ({ id, name, sector: "finance", employees: 800, revenueMusd: 300, region: "East", country: "US", ownerRepId: "r1", ownerName: "Rita Rep" });
const accounts = [account("a1", "Pioneer Capital"), account("a2", "Pioneer Capital Europe")];
const contacts: ContactRecord[] = [{ id: "c1", accountId: "a1", name: "Dana Cole", email: "dana@pioneer.example", phone: "+14155550101", title: "CFO", seniority: "c_level", timeZone: null }];
const deal = (id: string, stage: string, closedAt: string | null): DealRecord => ({ id, name: `Pioneer ${id}`, accountId: "a1", product: "Helix", stage, amount: 50_000, closeValue: stage === "won" ? 48_000 : null, engagedAt: new Date("2026-01-01"), closedAt: closedAt ? new Date(closedAt) : null, expectedCloseDate: null, ownerRepId: "r1" });
const deals = [deal("d1", "won", "2026-03-01"), deal("d2", "proposal", null)];
const touch = (at: string, channel: string, source: Touch["source"] = "activity"): Touch => ({ at: new Date(at), channel, direction: "inbound", source, subject: "hello", outcome: null, accountId: "a1", contactId: "c1", dealId: null });
const touches = [touch("2026-11-25", "sms"), touch("2026-11-20", "web", "conversation"), touch("2026-11-10", "email"), touch("2026-10-01", "transcript", "transcript")];
// eight accounts with repeat purchases, so the account value model has something to fit
const history: Journey[] = Array.from({ length: 24 }, (_, i) => ({
  dealId: `h${i}`,
  accountId: `x${i % 8}`,
  outcome: "won",
  value: 10_000 + i * 100,
  closedAt: new Date(Date.UTC(2024, i, 1 + (i % 8))),
  stages: [],
  touches: [],
}));

const crm: MarketingCrm = {
  listAccounts: async () => accounts,
  account: async (id) => accounts.find((a) => a.id === id),
  contact: async (id) => contacts.find((c) => c.id === id),
  searchContacts: async (text) => contacts.filter((c) => text.toLowerCase().includes(c.name.toLowerCase())),
  contactsOf: async (id) => contacts.filter((c) => c.accountId === id),
  dealsOf: async (id) => (id === "a1" ? deals : []),
  touchesOf: async (f) => (f.accountId === "a1" || f.contactId === "c1" ? touches : []),
  journeys: async () => [...history, { dealId: "d1", accountId: "a1", outcome: "won", value: 48_000, closedAt: new Date("2026-03-01"), stages: [], touches: [] }],
  touchesSince: async () => [],
  conversationContact: async () => ({}),
  segmentLabelOf: async () => undefined,
  segmentMembers: async () => [],
  consentWithdrawn: async () => false,
};

describe("unified profile", () => {
  const clock = fixedClock(NOW);
  const deps = {
    crm,
    insights: createInsightsCache({ crm, clock }),
    now: () => clock.now(),
    segmentOf: async () => ({ label: "Enterprise growth", migrationProbability: 0.42, likelyDestination: "At-risk", reasons: ["usage down"] }),
  };

  it("gathers everything about the account named in a question, not the longer name that starts the same", async () => {
    const p = (await profileFor(deps, { query: "tell me everything about Pioneer Capital" }))!;
    expect(p.account.name).toBe("Pioneer Capital");
    expect(p.interactions.byChannel).toEqual({ sms: 1, web: 1, email: 1, transcript: 1 });
    expect(p.deals).toMatchObject({ open: 1, won: 1, lost: 0, wonValue: 48_000, openValue: 50_000 });
    expect(p.lifecycle).toBe("customer");
    expect(p.segment?.label).toBe("Enterprise growth");
    expect(p.churnRisk.reasons.join(" ")).toMatch(/42% chance to move from Enterprise growth to At-risk/);
    expect("expectedValue" in p.predictedValue).toBe(true);
    expect(p.nextBestActions[0]).toMatchObject({ contact: "Dana Cole" });
    const text = formatProfile(p);
    for (const part of ["Firmographics: finance, 800 employees", "Interactions: 4", "Deals: 1 open", "Next best actions:"]) expect(text).toContain(part);
  });

  it("profiles a contact by name, and finds nothing for an unknown name", async () => {
    const p = (await profileFor(deps, { query: "everything we know about Dana Cole" }))!;
    expect(p.kind).toBe("contact");
    expect(p.contact?.name).toBe("Dana Cole");
    expect(await profileFor(deps, { query: "tell me everything about Nobody Ltd" })).toBeUndefined();
  });

  it("names the lifecycle stage from deals, recency and P(alive)", () => {
    const now = new Date(NOW);
    expect(lifecycleOf([], [], undefined, now)).toBe("prospect");
    expect(lifecycleOf([], [touch("2026-11-01", "email")], undefined, now)).toBe("engaged prospect");
    expect(lifecycleOf([deal("d", "qualification", null)], [], undefined, now)).toBe("opportunity");
    expect(lifecycleOf([deal("d", "lost", "2026-01-01")], [], undefined, now)).toBe("lost prospect");
    expect(lifecycleOf([deal("d", "won", "2025-01-01")], [touch("2026-11-01", "email")], 0.2, now)).toBe("former customer");
    expect(lifecycleOf([deal("d", "won", "2025-01-01")], [touch("2026-11-01", "email")], 0.5, now)).toBe("customer at risk");
  });
});
