import type { ContactRecord, DealRecord, Journey, Touch } from "../../src/core/marketing.js";
import { compareAttribution, type AttributionRow } from "./attribution.js";
import { pathsOf, responseWindows, stageTransitions, touchEffectiveness, type ResponseWindow, type StageTransition, type TouchEffect } from "./journeys.js";

/** What the CRM's history teaches, learned once from every deal's journey. */
export interface JourneyModel {
  effects: TouchEffect[];
  windows: ResponseWindow[];
  transitions: StageTransition[];
  attribution: AttributionRow[];
  journeys: number;
}

export function learnJourneyModel(journeys: readonly Journey[]): JourneyModel {
  return {
    effects: touchEffectiveness(journeys),
    windows: responseWindows(journeys),
    transitions: stageTransitions(journeys),
    attribution: compareAttribution(pathsOf(journeys)).rows,
    journeys: journeys.length,
  };
}

export interface NextBestAction {
  contactId: string;
  contact: string;
  action: string;
  channel: string;
  timeWindow: string;
  content: string;
  /** Expected gains, in percentage points, each against its own baseline (see evidence). */
  expectedLift: { action: number; channel: number; timeWindow: number };
  evidence: string[];
  /** Set when nothing may be sent: the contact withdrew consent. */
  suppressed?: string;
}

interface Candidate {
  action: string;
  touch: string;
  channels: string[];
}

/** Plays per deal stage (and with no open deal), each tied to the touch type whose effect is measured. */
const PLAYS: Record<string, Candidate[]> = {
  none: [
    { action: "invite to the next webinar", touch: "webinar:inbound", channels: ["email"] },
    { action: "send a nurture email", touch: "email:outbound", channels: ["email"] },
    { action: "call to reopen the conversation", touch: "call:outbound", channels: ["call", "sms"] },
  ],
  prospecting: [
    { action: "book a discovery call", touch: "call:outbound", channels: ["call", "email", "sms"] },
    { action: "invite to the next webinar", touch: "webinar:inbound", channels: ["email"] },
  ],
  qualification: [
    { action: "run a tailored demo", touch: "demo", channels: ["email", "call"] },
    { action: "book a discovery call", touch: "call:outbound", channels: ["call", "email"] },
  ],
  proposal: [
    { action: "hold a meeting with the buying group", touch: "meeting", channels: ["email", "call"] },
    { action: "run a tailored demo", touch: "demo", channels: ["email", "call"] },
  ],
  negotiation: [
    { action: "hold an executive sponsor meeting", touch: "meeting", channels: ["call", "email"] },
    { action: "call to close open points", touch: "call:outbound", channels: ["call", "sms"] },
  ],
};

const CONTENT: Record<string, (sector: string, title: string) => string> = {
  none: (s) => `${s} industry guide with a customer story`,
  prospecting: (s) => `${s} benchmark brief: how peers cut reporting time`,
  qualification: (_s, t) => `demo agenda tailored to a ${t}`,
  proposal: (s) => `ROI case study from a won ${s} account`,
  negotiation: () => "security, procurement and rollout pack",
};

const pp = (x: number) => Math.round(x * 1000) / 10;

/**
 * The next best action for a contact: the play for their open deal's stage with the largest measured win-rate
 * lift, on the reachable channel with the best response rate, in that channel's best time band, with content
 * for the stage. Every choice carries its expected lift and the counts behind it.
 */
export function nextBestAction(input: {
  contact: ContactRecord;
  sector: string;
  openDeal?: DealRecord;
  touches: readonly Touch[];
  consentWithdrawn: boolean;
  model: JourneyModel;
  now: Date;
}): NextBestAction {
  const { contact, model, now } = input;
  const stage = input.openDeal?.stage ?? "none";
  const plays = PLAYS[stage] ?? PLAYS.none!;
  const evidence: string[] = [];
  const effect = (touch: string) => model.effects.find((e) => e.touch === touch);
  const recent = input.touches.filter((t) => now.getTime() - t.at.getTime() < 7 * 86_400_000);
  const ranked = [...plays].sort((a, b) => (effect(b.touch)?.lift ?? -1) - (effect(a.touch)?.lift ?? -1));
  // a play just done this week is not repeated when another is available
  const play = ranked.find((p) => !recent.some((t) => `${t.channel}${t.direction ? `:${t.direction}` : ""}` === p.touch)) ?? ranked[0]!;
  const e = effect(play.touch);
  if (e) evidence.push(`${play.touch}: won ${pp(e.winRateWith)}% of ${e.journeys} closed deals that had it vs ${pp(e.winRateWithout)}% without`);
  else evidence.push(`${play.touch}: too few closed deals to measure; chosen as the standard play for ${stage === "none" ? "contacts without an open deal" : `the ${stage} stage`}`);
  if (input.openDeal) evidence.push(`open deal ${input.openDeal.name} in ${input.openDeal.stage}`);

  const reachable = play.channels.filter((c) => (c === "email" ? !!contact.email : !!contact.phone));
  const channelRate = (c: string) => model.windows.find((w) => w.channel === c)?.channelRate;
  const ownRate = (c: string) => {
    const mine = input.touches.filter((t) => t.channel === c && t.direction === "outbound" && t.outcome);
    const ok = mine.filter((t) => ["connected", "replied", "completed"].includes(t.outcome!)).length;
    return mine.length >= 3 ? { rate: ok / mine.length, n: mine.length } : undefined;
  };
  const score = (c: string) => ownRate(c)?.rate ?? channelRate(c) ?? 0;
  const channel = [...reachable].sort((a, b) => score(b) - score(a))[0] ?? play.channels[0]!;
  const allRates = model.windows.length ? [...new Set(model.windows.map((w) => w.channel))].map((c) => channelRate(c)!) : [];
  const meanRate = allRates.length ? allRates.reduce((s, v) => s + v, 0) / allRates.length : 0;
  const own = ownRate(channel);
  if (own) evidence.push(`${contact.name} answered ${own.n} earlier outbound ${channel}s at ${pp(own.rate)}%`);
  if (channelRate(channel) !== undefined) evidence.push(`${channel}: ${pp(channelRate(channel)!)}% response across the CRM vs ${pp(meanRate)}% mean over channels`);
  if (reachable.length === 0) evidence.push(`no ${play.channels.join("/")} details on file: ask the account owner for them`);

  const bands = model.windows.filter((w) => w.channel === channel && w.attempts >= 30).sort((a, b) => b.responseRate - a.responseRate);
  const best = bands[0];
  const lastInbound = input.touches.find((t) => t.direction === "inbound");
  const hot = lastInbound && now.getTime() - lastInbound.at.getTime() < 3 * 86_400_000;
  const timeWindow = `${hot ? "within 24 hours" : "within 5 business days"}${best ? `, ${best.window}` : ""}`;
  if (best) evidence.push(`${channel} ${best.window}: ${pp(best.responseRate)}% response over ${best.attempts} attempts vs ${pp(best.channelRate)}% any time`);
  if (hot) evidence.push(`inbound ${lastInbound!.channel} on ${lastInbound!.at.toISOString().slice(0, 10)}: strike while engaged`);

  const result: NextBestAction = {
    contactId: contact.id,
    contact: contact.name,
    action: play.action,
    channel,
    timeWindow,
    content: (CONTENT[stage] ?? CONTENT.none!)(input.sector, contact.title ?? "buyer"),
    expectedLift: {
      action: e ? pp(e.lift) : 0,
      channel: pp(score(channel) - meanRate),
      timeWindow: best ? pp(best.responseRate - best.channelRate) : 0,
    },
    evidence,
  };
  if (input.consentWithdrawn) {
    return { ...result, channel: "none", suppressed: "the contact withdrew consent: no outreach; the owner may only review the account" };
  }
  return result;
}
