import { describe, expect, it } from "vitest";
import type { AccountRecord, ContactRecord } from "../../src/core/marketing.js";
import type { SendRecord } from "../../src/core/marketing-store.js";
import { planCampaign } from "./plan.js";
import { campaignReport } from "./report.js";
import { CampaignSpec } from "./schema.js";

const account: AccountRecord = { id: "a1", name: "Acme Retail", sector: "retail", employees: 500, revenueMusd: 90, region: "East", country: null, ownerRepId: "r1", ownerName: "Rita Rep" };
const contact = (id: string, extra: Partial<ContactRecord> = {}): ContactRecord => ({ id, accountId: "a1", name: `Person ${id}`, email: `${id}@acme.example`, phone: "+14155550100", title: "CFO", seniority: "c_level", timeZone: null, ...extra });

const spec = CampaignSpec.parse({
  id: "spring",
  name: "Spring launch",
  objective: "invite retail buyers to the spring webinar",
  segments: ["retail"],
  channels: ["email", "sms", "rep_alert", "task"],
  start: "2026-03-02",
  days: 14,
  frequencyCap: { max: 2, perDays: 7 },
});

describe("campaign plan", () => {
  it("schedules email and SMS per contact on the cadence, one alert and one task per account, and skips without consent or address", () => {
    const plan = planCampaign(
      spec,
      [
        { account, contact: contact("c1"), consentWithdrawn: false },
        { account, contact: contact("c2"), consentWithdrawn: true },
        { account, contact: contact("c3", { phone: null }), consentWithdrawn: false },
      ],
      () => 0,
    );
    expect(plan.byChannel).toEqual({ email: 4, sms: 1, rep_alert: 1, task: 1 });
    expect(plan.sends.filter((s) => s.contactId === "c1").map((s) => [s.channel, s.day])).toEqual([["email", 0], ["sms", 4], ["email", 7]]);
    expect(plan.skipped).toEqual([{ contactId: "c2", reason: "consent withdrawn" }, { contactId: "c3", reason: "no phone number" }]);
    expect(plan.sends[0]!.at).toBe("2026-03-02T14:00:00.000Z");
  });

  it("moves touches later to respect the cap, counting other campaigns' sends, and drops what does not fit", () => {
    // another campaign already sent twice on days 0 and 1: the week from day 0 is full
    const other = [Date.parse("2026-03-02T14:00:00Z"), Date.parse("2026-03-03T14:00:00Z")];
    const plan = planCampaign(spec, [{ account, contact: contact("c1"), consentWithdrawn: false }], (_id, from, to) => other.filter((t) => t >= from.getTime() && t < to.getTime()).length);
    const days = plan.sends.filter((s) => s.contactId === "c1").map((s) => [s.channel, s.day]);
    expect(days).toEqual([["email", 7], ["email", 8]]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/SMS reminder: frequency cap 2\/7d/)]);
    // never more than 2 in any 7-day window, other campaign included
    const all = [...other, ...plan.sends.filter((s) => s.contactId).map((s) => Date.parse(s.at))].sort();
    for (const t of all) expect(all.filter((x) => x >= t && x < t + 7 * 86_400_000).length).toBeLessThanOrEqual(2);
  });

  it("rejects a spec with an unknown channel", () => {
    expect(CampaignSpec.safeParse({ ...spec, channels: ["fax"] }).success).toBe(false);
  });
});

describe("campaign report", () => {
  it("counts sends and outcomes by channel and attributes conversions across channels both ways", () => {
    const send = (id: string, contactId: string, channel: string, day: number): SendRecord => ({
      id, campaignId: "spring", playbookId: null, contactId, accountId: "a1", channel, subject: null, body: "x", status: "sent", reason: null,
      scheduledAt: new Date(Date.UTC(2026, 2, 2 + day)), decidedBy: "m", sentAt: new Date(Date.UTC(2026, 2, 2 + day)),
    });
    const sends = [send("s1", "c1", "email", 0), send("s2", "c1", "sms", 4), send("s3", "c2", "email", 0), send("s4", "c3", "sms", 4)];
    const at = (d: number) => new Date(Date.UTC(2026, 2, 2 + d, 18));
    const touches = [
      { campaignId: "spring", sendId: "s1", contactId: "c1", channel: "email", kind: "opened", at: at(0) },
      { campaignId: "spring", sendId: null, contactId: "c1", channel: "sms", kind: "converted", at: at(5) },
      { campaignId: "spring", sendId: null, contactId: "c3", channel: "sms", kind: "converted", at: at(5) },
    ];
    const r = campaignReport("spring", sends, touches);
    expect(r.sends).toEqual({ email: { sent: 2 }, sms: { sent: 2 } });
    expect(r.outcomes).toEqual({ email: { opened: 1 } });
    expect(r.conversions).toBe(2);
    expect(r.contactsReached).toBe(3);
    const sms = r.attribution.find((a) => a.channel === "sms")!;
    // c1: email sent, email opened, SMS sent → 0.4 + 0.2 email, 0.4 SMS; c3: SMS only → 1; SMS share (0.4 + 1) / 2
    expect(sms.positionBased).toBeCloseTo(0.7, 10);
    expect(sms.markov).toBeGreaterThan(0.5);
  });
});
