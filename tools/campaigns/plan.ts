import type { AccountRecord, ContactRecord } from "../../src/core/marketing.js";
import type { CampaignChannel, CampaignSpec } from "./schema.js";

export interface AudienceMember {
  account: AccountRecord;
  contact: ContactRecord;
  consentWithdrawn: boolean;
}

export interface PlannedSend {
  id: string;
  day: number;
  at: string;
  channel: CampaignChannel;
  accountId: string;
  contactId: string | null;
  /** Who receives it: the contact, or the account owner for rep alerts and tasks. */
  to: string;
  step: string;
}

export interface SkippedContact {
  contactId: string;
  reason: string;
}

export interface CampaignPlan {
  campaignId: string;
  accounts: number;
  contacts: number;
  sends: PlannedSend[];
  skipped: SkippedContact[];
  byChannel: Record<string, number>;
}

/** Day offsets of each channel's touches, as fractions of the campaign length. */
const CADENCE: Record<"email" | "sms", { at: number; step: string }[]> = {
  email: [
    { at: 0, step: "launch email" },
    { at: 0.5, step: "follow-up email" },
  ],
  sms: [{ at: 0.25, step: "SMS reminder" }],
};

/**
 * The campaign's timeline: email and SMS touches per contact on the cadence, skipped without consent or an
 * address, and moved later (or dropped past the end) so no contact gets more than the cap in any window,
 * counting what other campaigns and playbooks already scheduled (`existing`); one alert and one call task per
 * account for its owner.
 */
export function planCampaign(spec: CampaignSpec, audience: readonly AudienceMember[], existing: (contactId: string, from: Date, to: Date) => number): CampaignPlan {
  const day0 = Date.UTC(spec.start.getUTCFullYear(), spec.start.getUTCMonth(), spec.start.getUTCDate(), spec.sendHourUtc);
  const atDay = (d: number) => new Date(day0 + d * 86_400_000);
  const sends: PlannedSend[] = [];
  const skipped: SkippedContact[] = [];
  const planned = new Map<string, number[]>();
  const accounts = new Map<string, AccountRecord>();
  const capMs = spec.frequencyCap.perDays * 86_400_000;
  const fits = (contactId: string, day: number) => {
    const t = atDay(day).getTime();
    // every window of perDays that contains t must stay under the cap
    const mine = planned.get(contactId) ?? [];
    for (let start = t - capMs + 86_400_000; start <= t; start += 86_400_000) {
      const end = start + capMs;
      const inWindow = mine.filter((x) => x >= start && x < end).length + existing(contactId, new Date(start), new Date(end));
      if (inWindow + 1 > spec.frequencyCap.max) return false;
    }
    return true;
  };
  for (const m of audience) {
    accounts.set(m.account.id, m.account);
    if (m.consentWithdrawn) {
      skipped.push({ contactId: m.contact.id, reason: "consent withdrawn" });
      continue;
    }
    for (const channel of spec.channels) {
      if (channel !== "email" && channel !== "sms") continue;
      const address = channel === "email" ? m.contact.email : m.contact.phone;
      if (!address) {
        skipped.push({ contactId: m.contact.id, reason: `no ${channel === "email" ? "email address" : "phone number"}` });
        continue;
      }
      for (const touch of CADENCE[channel]) {
        let day = Math.round(touch.at * spec.days);
        while (day < spec.days && !fits(m.contact.id, day)) day += 1;
        if (day >= spec.days) {
          skipped.push({ contactId: m.contact.id, reason: `${touch.step}: frequency cap ${spec.frequencyCap.max}/${spec.frequencyCap.perDays}d leaves no day` });
          continue;
        }
        planned.set(m.contact.id, [...(planned.get(m.contact.id) ?? []), atDay(day).getTime()]);
        sends.push({ id: `${spec.id}:${m.contact.id}:${channel}:${touch.at}`, day, at: atDay(day).toISOString(), channel, accountId: m.account.id, contactId: m.contact.id, to: address, step: touch.step });
      }
    }
  }
  for (const a of accounts.values()) {
    if (spec.channels.includes("rep_alert")) {
      sends.push({ id: `${spec.id}:${a.id}:rep_alert`, day: 0, at: atDay(0).toISOString(), channel: "rep_alert", accountId: a.id, contactId: null, to: a.ownerName ?? "account owner", step: "rep alert: campaign starting on your account" });
    }
    if (spec.channels.includes("task")) {
      sends.push({ id: `${spec.id}:${a.id}:task`, day: Math.min(2, spec.days - 1), at: atDay(Math.min(2, spec.days - 1)).toISOString(), channel: "task", accountId: a.id, contactId: null, to: a.ownerName ?? "account owner", step: "outreach task: call the most engaged contact" });
    }
  }
  sends.sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
  const byChannel: Record<string, number> = {};
  for (const s of sends) byChannel[s.channel] = (byChannel[s.channel] ?? 0) + 1;
  return { campaignId: spec.id, accounts: accounts.size, contacts: new Set(audience.map((m) => m.contact.id)).size, sends, skipped, byChannel };
}
