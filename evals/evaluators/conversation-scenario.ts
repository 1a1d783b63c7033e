import { DateTime, IANAZone } from "luxon";
import YAML from "yaml";
import { z } from "zod";
import { INTENTS } from "../../src/core/domain.js";

/**
 * The shape of evals/datasets/conversations.yaml: scripted multi-turn prospect conversations whose checks are
 * structural per turn (intent, reply or silence, what the assistant is waiting for) and outcomes read from the
 * database after the last turn (meetings, the lead's slots, hand-offs, consent).
 */

export const FLOWS = [
  "booking",
  "reschedule",
  "cancel",
  "correction",
  "mid_flow_question",
  "recall",
  "compound",
  "handoff",
  "opt_out",
  "injection",
  "decline",
  "timezone",
] as const;
export type Flow = (typeof FLOWS)[number];

/** Profile slots a check may name: the lead's columns, plus the ones only the graph state holds. */
export const PROFILE_SLOTS = ["name", "email", "phone", "company", "role", "budget", "authority", "need", "timeline", "teamSize", "timeZone"] as const;
export type ProfileSlotName = (typeof PROFILE_SLOTS)[number];

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const Iana = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: "not an IANA time zone" });
const Instant = z.string().refine((s) => DateTime.fromISO(s, { setZone: true }).isValid && /[zZ]|[+-]\d\d:\d\d$/.test(s), {
  message: "not an ISO instant with a zone (e.g. 2026-12-01T19:00:00Z)",
});
const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "not an E.164 phone number");
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const Intent = z.enum(INTENTS);
const Slot = z.enum(PROFILE_SLOTS);

/** How a stored slot value is compared: a plain value is compared normalised (case, spaces; digits for phones). */
export const Matcher = z.union([
  z.string().min(1),
  z.number(),
  z.object({ contains: z.string().min(1) }).strict(),
  z.object({ amount: z.number().positive() }).strict(),
  z.object({ absent: z.literal(true) }).strict(),
  z.object({ oneOf: z.array(z.string().min(1)).min(1) }).strict(),
]);
export type Matcher = z.infer<typeof Matcher>;

const TurnExpect = z
  .object({
    intent: z.union([Intent, z.array(Intent).min(1)]).optional(),
    intentNot: z.array(Intent).min(1).optional(),
    replyNonEmpty: z.literal(true).optional(),
    /** true: nothing is sent back; false: something is. */
    silent: z.boolean().optional(),
    /** After this turn the assistant is not waiting for any of these slots (graph state `pendingAsk`). */
    notAsking: z.array(Slot).min(1).optional(),
    /** The reply carries the value stored for these slots (recall). */
    mentions: z.array(Slot).min(1).optional(),
    /**
     * This message declines whatever the assistant was waiting for before it: that slot stays empty and is not
     * asked for again in any later turn (graph state `pendingAsk`).
     */
    declinesPending: z.literal(true).optional(),
    /** After this turn demo times are on offer, shown in this zone when given. */
    offered: z.object({ timeZone: Iana.optional() }).strict().optional(),
  })
  .strict();

const Turn = z
  .object({
    /** What the prospect writes; `{{offer.N.weekday|time|date}}` is filled from the last offer the assistant made. */
    user: z.string().min(1),
    /** Which of the scenario's conversations this turn is in (default: main). */
    in: z.string().min(1).optional(),
    /** Moves the injected clock forward before this turn. */
    advanceHours: z.number().positive().optional(),
    expect: TurnExpect.optional(),
  })
  .strict();

const LocalTime = z
  .object({
    zone: Iana,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    weekday: z.enum(WEEKDAYS).optional(),
    time: HourMinute.optional(),
    /** Start time at or after the first and before the second, local. */
    between: z.tuple([HourMinute, HourMinute]).optional(),
  })
  .strict();

const MeetingCheck = z
  .object({
    status: z.enum(["booked", "cancelled"]).default("booked"),
    count: z.number().int().min(0),
    startsAt: Instant.optional(),
    local: LocalTime.optional(),
    /** The booked start is option N of the last offer made before the turn that booked it. */
    matchesOffered: z.number().int().min(1).optional(),
    /** `meetings.time_zone` (migration 007); reported as unchecked when the column is absent. */
    timeZone: Iana.optional(),
  })
  .strict();
export type MeetingCheck = z.infer<typeof MeetingCheck>;

const Outcome = z
  .object({
    meeting: z.union([MeetingCheck, z.array(MeetingCheck).min(1)]).optional(),
    profile: z.partialRecord(Slot, Matcher).optional(),
    /** Whose lead the profile check reads (default: the conversation of the last turn). */
    profileOf: z.string().min(1).optional(),
    handoffs: z.object({ count: z.number().int().min(0), kind: z.enum(["support", "human", "hot_lead"]).optional() }).strict().optional(),
    consent: z.enum(["withdrawn", "granted", "none", "notWithdrawn"]).optional(),
    /** No CRM deal, account, contact or rep name appears in any reply. */
    noInternalData: z.literal(true).optional(),
    /** No question is asked in two different turns. */
    noRepeatedQuestion: z.literal(true).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: "an outcome needs at least one check" });
export type Outcome = z.infer<typeof Outcome>;

const Conversation = z
  .object({
    channel: z.enum(["web", "sms"]),
    phone: E164.optional(),
    timeZone: Iana.optional(),
    locale: z.string().min(2).optional(),
  })
  .strict();
export type ConversationSpec = z.infer<typeof Conversation>;

export const Scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case words joined by '-'"),
    flow: z.enum(FLOWS),
    channel: z.enum(["web", "sms"]),
    /** SMS: the prospect's number (conversation id and actor id). */
    phone: E164.optional(),
    /** Web: the zone the widget reports (InboundMessage.timeZone). */
    timeZone: Iana.optional(),
    locale: z.string().min(2).optional(),
    now: Instant.optional(),
    description: z.string().optional(),
    /** Other conversations of the same person (a later visit, another channel), by key. */
    conversations: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Conversation).optional(),
    turns: z.array(Turn).min(1),
    outcome: Outcome,
  })
  .strict()
  .superRefine((s, ctx) => {
    const all = { main: { channel: s.channel, phone: s.phone }, ...(s.conversations ?? {}) };
    for (const [key, c] of Object.entries(all)) {
      if (c.channel === "sms" && !c.phone) ctx.addIssue({ code: "custom", message: `conversation ${key}: an SMS conversation needs a phone` });
    }
    if (s.conversations?.main) ctx.addIssue({ code: "custom", message: "'main' is the scenario's own conversation" });
    s.turns.forEach((t, i) => {
      if (t.in && !(t.in in all)) ctx.addIssue({ code: "custom", path: ["turns", i, "in"], message: `unknown conversation '${t.in}'` });
    });
    if (s.outcome.profileOf && !(s.outcome.profileOf in all)) ctx.addIssue({ code: "custom", message: `unknown conversation '${s.outcome.profileOf}'` });
  });
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioFile = z
  .object({
    /** The injected clock for every scenario without its own `now`. */
    now: Instant,
    scenarios: z.array(Scenario).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const s of file.scenarios) {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", message: `duplicate scenario id '${s.id}'` });
      seen.add(s.id);
    }
  });
export type ScenarioFile = z.infer<typeof ScenarioFile>;

export function parseScenarioFile(source: string): ScenarioFile {
  const parsed = ScenarioFile.safeParse(YAML.parse(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new Error(`conversations.yaml${where}: ${issue.message} (${parsed.error.issues.length} issue(s))`);
  }
  return parsed.data;
}

/** One conversation of a scenario as the harness drives it. */
export interface ScenarioConversation {
  key: string;
  channel: "web" | "sms";
  conversationId: string;
  actorId: string;
  timeZone?: string;
  locale?: string;
}

export function conversationsOf(s: Scenario): ScenarioConversation[] {
  const specs: [string, ConversationSpec][] = [
    ["main", { channel: s.channel, phone: s.phone, timeZone: s.timeZone, locale: s.locale }],
    ...Object.entries(s.conversations ?? {}),
  ];
  return specs.map(([key, c]) => {
    const id = c.channel === "sms" ? c.phone! : `eval-${s.id}-${key}`;
    return {
      key,
      channel: c.channel,
      conversationId: id,
      actorId: c.channel === "sms" ? c.phone! : `visitor-${s.id}-${key}`,
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
      ...(c.locale ? { locale: c.locale } : {}),
    };
  });
}

/** A demo time the assistant offered, as the simulated prospect reads it. */
export interface OfferedSlot {
  startsAt: string;
}

export interface Offer {
  timeZone: string;
  slots: OfferedSlot[];
}

/**
 * Fills `{{offer.N.weekday}}`, `{{offer.N.time}}` (e.g. "2pm", "10:30am") and `{{offer.N.date}}` (e.g.
 * "December 1") from the offer, in the offer's zone, so a scripted prospect can pick a time by day and hour
 * without the script knowing the calendar.
 */
export function fillTemplate(text: string, offer: Offer | undefined): { text: string; error?: string } {
  let error: string | undefined;
  const filled = text.replace(/\{\{\s*offer\.(\d+)\.(weekday|time|date)\s*\}\}/g, (_m, n: string, part: string) => {
    const slot = offer?.slots[Number(n) - 1];
    if (!slot) {
      error ??= offer ? `the last offer has no option ${n}` : "no demo times were offered before this turn";
      return "";
    }
    const local = DateTime.fromISO(slot.startsAt, { zone: "utc" }).setZone(offer!.timeZone);
    if (part === "weekday") return local.toFormat("cccc");
    if (part === "date") return local.toFormat("LLLL d");
    return local.toFormat(local.minute === 0 ? "ha" : "h:mma").toLowerCase();
  });
  if (/\{\{/.test(filled)) error ??= "unknown template in the turn text";
  return error ? { text: filled, error } : { text: filled };
}
