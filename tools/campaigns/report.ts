import type { CampaignTouch, SendRecord } from "../../src/core/marketing-store.js";
import { compareAttribution, type AttributionRow } from "../journey/attribution.js";

export interface CampaignReport {
  campaignId: string;
  sends: Record<string, Record<string, number>>;
  outcomes: Record<string, Record<string, number>>;
  contactsReached: number;
  conversions: number;
  conversionRate: number;
  attribution: AttributionRow[];
}

/**
 * Tracking by campaign: sends by channel and status, outcomes by channel, and cross-channel attribution of
 * conversions over each contact's sequence of campaign touches (position-based vs Markov removal effect).
 */
export function campaignReport(campaignId: string, sends: readonly SendRecord[], touches: readonly CampaignTouch[]): CampaignReport {
  const count = (into: Record<string, Record<string, number>>, a: string, b: string) => {
    into[a] ??= {};
    into[a]![b] = (into[a]![b] ?? 0) + 1;
  };
  const bySend: Record<string, Record<string, number>> = {};
  for (const s of sends) count(bySend, s.channel, s.status);
  const outcomes: Record<string, Record<string, number>> = {};
  for (const t of touches) if (t.kind !== "converted") count(outcomes, t.channel, t.kind);
  const contacts = new Map<string, { events: { at: number; channel: string }[]; converted: boolean }>();
  const reached = (s: SendRecord) => s.status === "sent" && s.contactId;
  for (const s of sends.filter(reached)) {
    const c = contacts.get(s.contactId!) ?? { events: [], converted: false };
    c.events.push({ at: (s.sentAt ?? s.scheduledAt).getTime(), channel: s.channel });
    contacts.set(s.contactId!, c);
  }
  for (const t of touches) {
    if (!t.contactId) continue;
    const c = contacts.get(t.contactId) ?? { events: [], converted: false };
    if (t.kind === "converted") c.converted = true;
    else if (t.kind !== "delivered") c.events.push({ at: t.at.getTime(), channel: `${t.channel}` });
    contacts.set(t.contactId, c);
  }
  const paths = [...contacts.values()].map((c) => ({ touches: c.events.sort((a, b) => a.at - b.at).map((e) => e.channel), converted: c.converted }));
  const conversions = paths.filter((p) => p.converted).length;
  return {
    campaignId,
    sends: bySend,
    outcomes,
    contactsReached: new Set(sends.filter(reached).map((s) => s.contactId)).size,
    conversions,
    conversionRate: contacts.size ? conversions / contacts.size : 0,
    attribution: compareAttribution(paths).rows,
  };
}

export function formatCampaignReport(r: CampaignReport): string {
  const table = (o: Record<string, Record<string, number>>) => Object.entries(o).map(([ch, m]) => `${ch}: ${Object.entries(m).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  return [
    `Campaign ${r.campaignId}: ${r.contactsReached} contacts reached, ${r.conversions} conversions (${(r.conversionRate * 100).toFixed(1)}% of contacts tracked)`,
    "Sends by channel and status:",
    ...table(r.sends).map((l) => `- ${l}`),
    "Outcomes by channel:",
    ...(Object.keys(r.outcomes).length ? table(r.outcomes).map((l) => `- ${l}`) : ["- none recorded yet (POST /api/events with campaign.opened|clicked|replied|meeting|converted)"]),
    "Cross-channel attribution of conversions (share of credit; position-based 40/20/40 vs Markov removal effect):",
    ...(r.attribution.length ? r.attribution.map((a) => `- ${a.channel}: position-based ${(a.positionBased * 100).toFixed(1)}%, Markov ${(a.markov * 100).toFixed(1)}% (removal effect ${a.removalEffect.toFixed(2)})`) : ["- no conversions yet"]),
  ].join("\n");
}
