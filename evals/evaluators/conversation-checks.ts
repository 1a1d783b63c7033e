import { DateTime } from "luxon";
import type { Intent } from "../../src/core/domain.js";
import type { Matcher, MeetingCheck, Offer, Outcome, ProfileSlotName, Scenario } from "./conversation-scenario.js";

/**
 * Pure checks over what a scenario run observed: the replies of each turn and the rows the database holds
 * afterwards. No wording is compared, except that replies must not leak internal names and that a recall
 * question is answered with the stored value.
 */

export interface CheckResult {
  /** Which check, e.g. "turn 3 intent" or "meeting[0].startsAt". */
  check: string;
  status: "pass" | "fail" | "unchecked";
  expected?: unknown;
  actual?: unknown;
  /** 1-based turn the check is about, when it is about one. */
  turn?: number;
}

export interface MeetingRow {
  id: string;
  repId: string;
  conversationId: string;
  startsAt: string;
  status: string;
  /** Absent when the column does not exist. */
  timeZone?: string | null;
}

export interface RepHours {
  timeZone: string;
  /** ISO weekday → [startMinute, endMinute) windows in the rep's zone. */
  hours: Record<number, [number, number][]>;
}

export interface TurnObservation {
  user: string;
  conversation: string;
  replies: string[];
  intents: string[];
  /** What the assistant waits for after the turn (graph state). */
  pendingSlot?: string;
  /** The offer standing after the turn (database, or graph state when the database has none). */
  offerAfter?: Offer;
  error?: string;
  ms: number;
}

export interface ScenarioObservation {
  /** The injected clock at the start of the scenario. */
  now: string;
  turns: TurnObservation[];
  meetings: MeetingRow[];
  meetingsHaveTimeZone: boolean;
  /** For each booked meeting id: the offer that stood before the turn that booked it. */
  offerBeforeBooking: Record<string, Offer | undefined>;
  /** Clock at the turn that booked each meeting. */
  bookedAt: Record<string, string>;
  repHours: Record<string, RepHours>;
  /** Slot values of the profile conversation: from its lead row, else (no column) the graph state. */
  profile: Partial<Record<ProfileSlotName, { value: unknown; source: "lead" | "state" }>>;
  handoffs: { kind: string }[];
  /** The consent row of the profile conversation's identity, if any. */
  consent: "granted" | "withdrawn" | undefined;
  /** CRM names a prospect must never see. */
  internalNames: string[];
  companyName: string;
}

const pass = (check: string, extra: Partial<CheckResult> = {}): CheckResult => ({ check, status: "pass", ...extra });
const fail = (check: string, expected: unknown, actual: unknown, turn?: number): CheckResult => ({
  check, status: "fail", expected, actual, ...(turn ? { turn } : {}),
});
const verdict = (check: string, ok: boolean, expected: unknown, actual: unknown, turn?: number): CheckResult =>
  ok ? pass(check, { expected, actual, ...(turn ? { turn } : {}) }) : fail(check, expected, actual, turn);

// ---- per turn ----------------------------------------------------------------------------------------------

export function checkTurn(scenario: Scenario, index: number, turn: TurnObservation, profile: ScenarioObservation["profile"]): CheckResult[] {
  const n = index + 1;
  const out: CheckResult[] = [];
  if (turn.error) out.push(fail(`turn ${n} ran`, "a reply or silence", turn.error, n));
  const expect = scenario.turns[index]?.expect;
  if (!expect) return out;
  const replyText = turn.replies.join("\n");
  const intent = turn.intents[0] ?? "(no reply)";
  if (expect.intent) {
    const allowed = Array.isArray(expect.intent) ? expect.intent : [expect.intent];
    out.push(verdict(`turn ${n} intent`, allowed.includes(intent as Intent), allowed.join("|"), intent, n));
  }
  if (expect.intentNot) out.push(verdict(`turn ${n} intent not`, !expect.intentNot.includes(intent as Intent), `not ${expect.intentNot.join("|")}`, intent, n));
  if (expect.replyNonEmpty) out.push(verdict(`turn ${n} reply`, replyText.trim() !== "", "a non-empty reply", replyText || "(nothing)", n));
  if (expect.silent !== undefined) {
    const silent = turn.replies.every((r) => r.trim() === "");
    out.push(verdict(`turn ${n} silent`, silent === expect.silent, expect.silent ? "no reply" : "a reply", silent ? "no reply" : replyText, n));
  }
  if (expect.notAsking) {
    const asked = turn.pendingSlot;
    out.push(verdict(`turn ${n} not asking`, !asked || !(expect.notAsking as string[]).includes(asked), `not waiting for ${expect.notAsking.join("|")}`, asked ?? "(nothing pending)", n));
  }
  if (expect.mentions) {
    for (const slot of expect.mentions) {
      const stored = profile[slot]?.value;
      if (stored === undefined || stored === null || stored === "") {
        out.push(fail(`turn ${n} mentions ${slot}`, `the stored ${slot}`, `nothing stored for ${slot}`, n));
        continue;
      }
      const forms = valueForms(slot, stored);
      const hit = forms.some((f) => replyText.toLowerCase().includes(f.toLowerCase()));
      out.push(verdict(`turn ${n} mentions ${slot}`, hit, `one of ${JSON.stringify(forms)}`, replyText || "(nothing)", n));
    }
  }
  if (expect.offered) {
    const offer = turn.offerAfter;
    if (!offer || offer.slots.length === 0) out.push(fail(`turn ${n} offered`, "demo times on offer", "no offer", n));
    else if (expect.offered.timeZone) out.push(verdict(`turn ${n} offer zone`, offer.timeZone === expect.offered.timeZone, expect.offered.timeZone, offer.timeZone, n));
    else out.push(pass(`turn ${n} offered`, { turn: n }));
  }
  return out;
}

/** `declinesPending` turns: the slot pending before the turn stays empty and is never pending again. */
export function checkDeclines(scenario: Scenario, turns: readonly TurnObservation[], profile: ScenarioObservation["profile"]): CheckResult[] {
  const out: CheckResult[] = [];
  scenario.turns.forEach((t, i) => {
    if (!t.expect?.declinesPending || i >= turns.length) return;
    const n = i + 1;
    const slot = turns[i - 1]?.pendingSlot;
    if (!slot) {
      out.push(fail(`turn ${n} declines`, "a slot the assistant was waiting for before this turn", "nothing pending", n));
      return;
    }
    const again = turns.findIndex((o, j) => j >= i && o.pendingSlot === slot);
    out.push(verdict(`turn ${n} ${slot} not asked again`, again < 0, `${slot} never pending after turn ${i}`, again < 0 ? "never" : `pending after turn ${again + 1}`, n));
    const stored = profile[slot as ProfileSlotName]?.value;
    out.push(verdict(`turn ${n} ${slot} left empty`, stored === undefined || stored === null || stored === "", "no value", stored, n));
  });
  return out;
}

// ---- outcome -----------------------------------------------------------------------------------------------

export function checkOutcome(outcome: Outcome, obs: ScenarioObservation, userTexts: readonly string[]): CheckResult[] {
  const out: CheckResult[] = [];
  if (outcome.meeting) {
    const checks = Array.isArray(outcome.meeting) ? outcome.meeting : [outcome.meeting];
    checks.forEach((c, i) => out.push(...checkMeeting(c, obs, checks.length > 1 ? `meeting[${i}]` : "meeting")));
  }
  for (const [slot, matcher] of Object.entries(outcome.profile ?? {}) as [ProfileSlotName, Matcher][]) {
    const found = obs.profile[slot];
    const ok = matchValue(slot, matcher, found?.value);
    out.push(verdict(`profile.${slot}${found ? ` (${found.source})` : ""}`, ok, matcher, found?.value ?? null));
  }
  if (outcome.handoffs) {
    const rows = obs.handoffs.filter((h) => !outcome.handoffs!.kind || h.kind === outcome.handoffs!.kind);
    out.push(verdict(`handoffs${outcome.handoffs.kind ? `(${outcome.handoffs.kind})` : ""}.count`, rows.length === outcome.handoffs.count, outcome.handoffs.count, obs.handoffs.map((h) => h.kind)));
  }
  if (outcome.consent) {
    const actual = obs.consent ?? "none";
    const ok = outcome.consent === "notWithdrawn" ? actual !== "withdrawn" : actual === outcome.consent;
    out.push(verdict("consent", ok, outcome.consent, actual));
  }
  if (outcome.noInternalData) {
    const leaks = internalLeaks(obs.turns.flatMap((t) => t.replies), obs.internalNames, [...userTexts, obs.companyName]);
    out.push(verdict("noInternalData", leaks.length === 0, "no CRM deal/account/contact/rep names in replies", leaks));
  }
  if (outcome.noRepeatedQuestion) {
    const repeats = repeatedQuestions(obs.turns.map((t) => t.replies.join("\n")));
    out.push(verdict("noRepeatedQuestion", repeats.length === 0, "no question asked in two turns", repeats));
  }
  return out;
}

/** Checked on every scenario: each booked meeting lies after the clock at booking and inside its rep's hours. */
export function checkInvariants(obs: ScenarioObservation): CheckResult[] {
  return obs.meetings
    .filter((m) => m.status === "booked")
    .flatMap((m) => {
      const at = obs.bookedAt[m.id] ?? obs.now;
      const future = new Date(m.startsAt).getTime() > new Date(at).getTime();
      const hours = obs.repHours[m.repId];
      const within = hours ? withinHours(m.startsAt, hours) : false;
      return [
        verdict(`invariant: meeting ${m.startsAt} in the future`, future, `after ${at}`, m.startsAt),
        verdict(`invariant: meeting ${m.startsAt} in rep hours`, within, hours ? `${hours.timeZone} working hours` : "a known rep", m.repId),
      ];
    });
}

function checkMeeting(c: MeetingCheck, obs: ScenarioObservation, label: string): CheckResult[] {
  const rows = obs.meetings.filter((m) => m.status === c.status);
  const out = [verdict(`${label}.count(${c.status})`, rows.length === c.count, c.count, rows.map((m) => `${m.startsAt} ${m.status}`))];
  const wantsDetail = c.startsAt || c.local || c.matchesOffered || c.timeZone;
  if (!wantsDetail) return out;
  if (rows.length !== 1) {
    out.push(fail(`${label}.details`, `exactly one ${c.status} meeting to inspect`, rows.length));
    return out;
  }
  const m = rows[0]!;
  if (c.startsAt) out.push(verdict(`${label}.startsAt`, sameInstant(m.startsAt, c.startsAt), new Date(c.startsAt).toISOString(), m.startsAt));
  if (c.local) {
    const local = DateTime.fromISO(m.startsAt, { zone: "utc" }).setZone(c.local.zone);
    const actual = `${local.toFormat("cccc yyyy-LL-dd HH:mm")} ${c.local.zone}`;
    const hm = local.toFormat("HH:mm");
    const ok =
      (!c.local.date || local.toISODate() === c.local.date) &&
      (!c.local.weekday || local.toFormat("cccc") === c.local.weekday) &&
      (!c.local.time || hm === c.local.time) &&
      (!c.local.between || (hm >= c.local.between[0] && hm < c.local.between[1]));
    out.push(verdict(`${label}.local`, ok, c.local, actual));
  }
  if (c.matchesOffered) {
    const offer = obs.offerBeforeBooking[m.id];
    const slot = offer?.slots[c.matchesOffered - 1];
    out.push(
      slot
        ? verdict(`${label}.matchesOffered`, sameInstant(slot.startsAt, m.startsAt), `option ${c.matchesOffered}: ${new Date(slot.startsAt).toISOString()}`, m.startsAt)
        : fail(`${label}.matchesOffered`, `option ${c.matchesOffered} of the offer before booking`, offer ? `offer had ${offer.slots.length} option(s)` : "no offer seen before the booking"),
    );
  }
  if (c.timeZone) {
    out.push(
      obs.meetingsHaveTimeZone
        ? verdict(`${label}.timeZone`, m.timeZone === c.timeZone, c.timeZone, m.timeZone ?? null)
        : { check: `${label}.timeZone`, status: "unchecked", expected: c.timeZone, actual: "meetings.time_zone does not exist" },
    );
  }
  return out;
}

// ---- helpers (exported for the unit test) ------------------------------------------------------------------

export function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}

export function withinHours(startsAt: string, rep: RepHours): boolean {
  const local = DateTime.fromISO(startsAt, { zone: "utc" }).setZone(rep.timeZone);
  const minute = local.hour * 60 + local.minute;
  return (rep.hours[local.weekday] ?? []).some(([from, to]) => minute >= from && minute < to);
}

/** A money amount in free text: "$40,000", "40k", "60K USD", "1.2m" → number; undefined when there is none. */
export function parseAmount(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const m = /(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\b/i.exec(value.replace(/(\d),(\d{3})/g, "$1$2"));
  if (!m) return undefined;
  const base = Number(m[1]!.replace(/,/g, ""));
  const unit = (m[2] ?? "").toLowerCase();
  return unit === "k" || unit === "thousand" ? base * 1_000 : unit === "m" || unit === "million" ? base * 1_000_000 : base;
}

const normal = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const digits = (s: string) => s.replace(/\D/g, "");

function normalFor(slot: ProfileSlotName, value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  return slot === "phone" ? digits(text) : normal(text);
}

export function matchValue(slot: ProfileSlotName, matcher: Matcher, actual: unknown): boolean {
  const empty = actual === undefined || actual === null || actual === "";
  if (typeof matcher === "object" && "absent" in matcher) return empty;
  if (empty) return false;
  if (typeof matcher === "number") return Number(actual) === matcher;
  if (typeof matcher === "string") return normalFor(slot, actual) === normalFor(slot, matcher);
  if ("contains" in matcher) return normal(String(actual)).includes(normal(matcher.contains));
  if ("amount" in matcher) return parseAmount(actual) === matcher.amount;
  return matcher.oneOf.some((v) => normalFor(slot, actual) === normalFor(slot, v));
}

/** The ways a reply may state a stored value: a budget as "$40,000", "40,000", "40000" or "40k". */
export function valueForms(slot: ProfileSlotName, value: unknown): string[] {
  const text = String(value).trim();
  if (slot !== "budget") return [text];
  const amount = parseAmount(text);
  if (amount === undefined) return [text];
  const forms = [amount.toLocaleString("en-US"), String(amount)];
  if (amount % 1000 === 0) forms.push(`${amount / 1000}k`);
  if (amount % 1_000_000 === 0) forms.push(`${amount / 1_000_000}m`, `${amount / 1_000_000} million`);
  return forms;
}

/** Internal names that appear in replies, ignoring names the prospect said themselves or that the seller's name contains. */
export function internalLeaks(replies: readonly string[], names: readonly string[], allowedTexts: readonly string[]): string[] {
  const allowed = allowedTexts.join("\n").toLowerCase();
  const text = replies.join("\n");
  const leaks = new Set<string>();
  for (const name of names) {
    if (name.length < 4 || allowed.includes(name.toLowerCase())) continue;
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "iu");
    if (pattern.test(text)) leaks.add(name);
  }
  return [...leaks];
}

/** Questions (sentences ending in "?") asked in more than one turn, normalised. */
export function repeatedQuestions(replyPerTurn: readonly string[]): string[] {
  const firstTurn = new Map<string, number>();
  const repeats = new Set<string>();
  replyPerTurn.forEach((reply, turn) => {
    for (const sentence of reply.split(/(?<=[.!?])\s+|\n+/)) {
      if (!sentence.trim().endsWith("?")) continue;
      const key = sentence.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, "").replace(/\s+/g, " ").trim();
      if (key.length < 8) continue;
      const seen = firstTurn.get(key);
      if (seen !== undefined && seen !== turn) repeats.add(sentence.trim());
      else firstTurn.set(key, turn);
    }
  });
  return [...repeats];
}

export function scenarioPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status !== "fail");
}
