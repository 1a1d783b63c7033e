import { HumanMessage } from "@langchain/core/messages";
import { zoneFromPhone } from "../../../src/core/time-zones.js";
import type { BookDemoInput, BookDemoOutput, PublicMeeting, PublicSlot } from "../../../tools/booking/schema.js";
import type { SalesGraphDeps } from "../deps.js";
import { bookingChange } from "../dialogue/cues.js";
import { nextQualificationSlot } from "../dialogue/follow-up.js";
import { looksLikeTimeRequest } from "../dialogue/time-words.js";
import { invalidText, questionFor } from "../qualification/next-question.js";
import type { PendingAsk, ProfileSlot, SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { lastUserText, reply, textOf } from "./reply.js";

/** After a booking, what helps the rep tailor the demo. */
const AFTER_BOOKING: readonly ProfileSlot[] = ["need", "teamSize", "budget", "timeline", "authority", "company", "role"] as const;
/** How far back a time the prospect named before we could book ("Tuesday at 2pm", then the email) still counts. */
const REQUEST_LOOKBACK = 4;

type Call = (input: BookDemoInput) => Promise<BookDemoOutput>;

function optionsAsk(slots: readonly PublicSlot[], timeZone: string, purpose: "book" | "reschedule"): PendingAsk {
  return {
    kind: "option", flow: "booking", slot: "demo_time", timeZone, purpose,
    options: slots.map((s) => ({ n: s.n, label: s.label, value: s.startsAt })),
  };
}

function slotList(lead: string, slots: readonly PublicSlot[]): string {
  const numbers = slots.map((s) => s.n).join(", ").replace(/, (\d+)$/, " or $1");
  return [lead, ...slots.map((s) => `${s.n}. ${s.label}`), `Reply ${numbers}, or name another day and time.`].join("\n");
}

/** The prospect's most recent words about when, from this message or the few before it in the flow. */
function requestedTime(state: SalesStateType): string | undefined {
  const texts = state.messages.filter((m) => HumanMessage.isInstance(m)).map(textOf).slice(-REQUEST_LOOKBACK).reverse();
  return texts.find(looksLikeTimeRequest);
}

/**
 * Demo booking as a conversation: an email for the invite first, then times in the prospect's zone —
 * the time they named when it is free (else the nearest free ones), or three to pick from by number, day or
 * time. A booked demo can be moved or cancelled in the same or a later conversation of the same contact.
 * Confirmations state the time in the prospect's zone and carry the calendar invite. Never names the rep.
 */
export function createDemoRequestNode(deps: Pick<SalesGraphDeps, "tools" | "company">) {
  return async function demoRequest(state: SalesStateType): Promise<SalesStateUpdate> {
    const text = lastUserText(state);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const toolResults: ToolResult[] = [...(state.toolResults ?? [])];
    const phone = state.profile.phone ?? (state.channel === "sms" && state.actor.id.startsWith("+") ? state.actor.id : undefined);
    const contact = state.profile.email || phone ? { ...(state.profile.email ? { email: state.profile.email } : {}), ...(phone ? { phone } : {}) } : undefined;
    const timeZone = state.profile.timeZone ?? state.clientTimeZone ?? (phone ? zoneFromPhone(phone) : undefined);
    const zoned = timeZone ? { timeZone } : {};
    const call: Call = async (input) => {
      const output = await deps.tools.call<BookDemoOutput>("book_demo", input, context);
      toolResults.push({ tool: "book_demo", ok: true, output });
      return output;
    };
    const say = (body: string, extra: SalesStateUpdate = {}) => reply(body, "demo_request", { toolResults, activeFlow: "booking", ...extra });
    const done = (body: string, extra: SalesStateUpdate = {}) => reply(body, "demo_request", { toolResults, activeFlow: undefined, ...extra });
    const prior = state.priorAsk?.flow === "booking" ? state.priorAsk : undefined;
    const answer = prior ? state.askAnswer : undefined;

    const confirmed = (meeting: PublicMeeting & { ics: string; emailed: boolean }, opening: string) => {
      const invite = state.profile.email
        ? meeting.emailed
          ? ` The calendar invite is on its way to ${state.profile.email}.`
          : ` Here's the calendar invite for ${state.profile.email}; the video link follows by email.`
        : "";
      const next = nextQualificationSlot(state.profile, state.asked, state.declined, AFTER_BOOKING as never);
      const ask: SalesStateUpdate = next ? { pendingAsk: { kind: "slot", flow: "qualification", slot: next }, asked: [next] } : {};
      const body = `${opening}${invite}${next ? `\n\nSo we can tailor the demo: ${questionFor(next, deps.company.name)}` : ""}`;
      return done(body, {
        ...ask,
        ...(prior?.kind === "option" ? { lastOffer: prior } : {}),
        invite: { ics: meeting.ics, meetingId: meeting.meetingId, startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      });
    };

    const status = await call({ action: "status", ...zoned, ...(contact ? { contact } : {}) });

    if (status.status === "booked") {
      const change = bookingChange(text);
      if (prior?.kind === "confirm" && prior.slot === "cancel_meeting" && answer) {
        if (answer.kind === "no") return done(`No problem — your demo stays on ${status.label}.`);
        const cancelled = await call({ action: "cancel", ...(contact ? { contact } : {}) });
        if (cancelled.status === "cancelled") {
          return done(`Done — your demo on ${cancelled.label} is cancelled. If you'd like another time later, just ask.`, {
            invite: { ics: cancelled.ics, meetingId: cancelled.meetingId, startsAt: cancelled.startsAt, timeZone: cancelled.timeZone },
          });
        }
      }
      if (change === "cancel") {
        return say(`Just to confirm: cancel your demo on ${status.label}? (yes / no)`, {
          pendingAsk: { kind: "confirm", flow: "booking", slot: "cancel_meeting", detail: `Shall I cancel your demo on ${status.label}? (yes / no)` },
        });
      }
      if (prior?.kind === "option" && prior.purpose === "reschedule" && answer?.kind === "option") {
        const moved = await call({ action: "reschedule", startsAt: prior.options[answer.index]!.value, ...zoned, ...(contact ? { contact } : {}) });
        return afterReschedule(moved);
      }
      const wantsMove = change === "reschedule" || (prior?.kind === "option" && prior.purpose === "reschedule");
      if (wantsMove || (change !== "status" && looksLikeTimeRequest(text))) {
        const offer = await call({ action: "offer", ...zoned, ...(looksLikeTimeRequest(text) ? { request: text } : {}), ...(contact ? { contact } : {}) });
        if (offer.status === "offered" && offer.slots[0]?.exact) {
          const moved = await call({ action: "reschedule", startsAt: offer.slots[0].startsAt, ...zoned, ...(contact ? { contact } : {}) });
          return afterReschedule(moved);
        }
        if (offer.status === "offered") {
          const lead = offer.matched === "nearest" ? "That time isn't free. The nearest open times are:" : `Sure — your demo is on ${status.label} now. I can move it to:`;
          return say(slotList(lead, offer.slots), { pendingAsk: optionsAsk(offer.slots, offer.timeZone, "reschedule") });
        }
        return done(`I'm sorry, there are no other open demo times in the next two weeks, so your demo stays on ${status.label}. I can bring in a person to find one if you like.`);
      }
      return done(`You're booked for a demo on ${status.label}. If you need to move or cancel it, just tell me.`);
    }

    async function afterReschedule(moved: BookDemoOutput): Promise<SalesStateUpdate> {
      if (moved.status === "rescheduled") return confirmed(moved, `Done — I've moved your demo from ${moved.previous.label} to ${moved.label}.`);
      if (moved.status === "taken") {
        return say(slotList("Sorry — that time was just taken. The nearest open times are:", moved.slots), {
          pendingAsk: optionsAsk(moved.slots, moved.timeZone, "reschedule"),
        });
      }
      return done("I'm sorry, I couldn't move the demo just now. A member of our team can help — just ask for a person.");
    }

    if (!state.profile.email) {
      const bad = state.invalidDetails?.find((i) => i.slot === "email");
      const ask: SalesStateUpdate = { pendingAsk: { kind: "slot", flow: "booking", slot: "email" }, asked: ["email"] };
      if (bad) return say(invalidText("email", bad.value, bad.reason), ask);
      const first = state.profile.name?.split(/\s+/)[0];
      const opening = state.newDetails?.includes("name") && first ? `Thanks, ${first}.` : prior ? "Thanks." : "I'd be glad to set up a demo.";
      return say(`${opening} ${questionFor("email", deps.company.name)} I'll send the calendar invite there.`, ask);
    }

    if (prior?.kind === "option" && answer?.kind === "yes") {
      return say(slotList("Great — which one?", prior.options.map((o) => ({ n: o.n, label: o.label, startsAt: o.value, endsAt: o.value }))), { pendingAsk: prior });
    }
    if (prior?.kind === "option" && answer?.kind === "option") {
      const booked = await call({ action: "book", startsAt: prior.options[answer.index]!.value, email: state.profile.email, ...zoned, ...(contact ? { contact } : {}) });
      if (booked.status === "booked") return confirmed(booked, `You're booked: a 30-minute demo on ${booked.label} with a member of our team.`);
      if (booked.status === "taken") {
        return say(slotList("Sorry — someone booked that time a moment ago. The nearest open times are:", booked.slots), {
          pendingAsk: optionsAsk(booked.slots, booked.timeZone, "book"),
        });
      }
    }

    const words = answer?.kind === "other_times" ? undefined : requestedTime(state);
    const offer = await call({ action: "offer", ...zoned, ...(words ? { request: words } : {}), ...(contact ? { contact } : {}) });
    if (offer.status === "offered" && offer.slots[0]?.exact) {
      const booked = await call({ action: "book", startsAt: offer.slots[0].startsAt, email: state.profile.email, ...zoned, ...(contact ? { contact } : {}) });
      if (booked.status === "booked") return confirmed(booked, `You're booked: a 30-minute demo on ${booked.label} with a member of our team.`);
    }
    if (offer.status === "offered" || offer.status === "taken") {
      const unknownZone = !timeZone ? "\n(Times are in UTC — tell me your city or time zone and I'll convert them.)" : "";
      const lead =
        offer.status === "taken" || offer.matched === "nearest"
          ? "That time isn't free. The nearest open times are:"
          : words
            ? "Here are the open times that match:"
            : "Here are three times for a 30-minute demo:";
      return say(slotList(lead, offer.slots) + unknownZone, { pendingAsk: optionsAsk(offer.slots, offer.timeZone, "book") });
    }
    return done("I'm sorry, there are no open demo times in the next two weeks. Would you like me to connect you with a member of our team to find one?");
  };
}
