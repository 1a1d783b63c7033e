import { pickSlot } from "../../../tools/booking/pick-slot.js";
import { zoneFromPhone } from "../../../src/core/time-zones.js";
import type { SalesGraphDeps } from "../deps.js";
import { bookingChange, isQuestion, yesNo } from "../dialogue/cues.js";
import { contactKeys, recallContact } from "../dialogue/memory.js";
import { declinedSlots, recallSlots } from "../dialogue/recall.js";
import { looksLikeTimeRequest } from "../dialogue/time-words.js";
import { extractSlots } from "../qualification/extract-slots.js";
import { interpretAnswer } from "../qualification/interpret-answer.js";
import type { AskAnswer, LeadProfile, PendingAsk, ProfileSlot, SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { lastUserText } from "./reply.js";

export const LEAD_SLOTS = ["name", "email", "phone", "company", "role", "budget", "authority", "need", "timeline"] as const;

/** "None of these work", "other times?": the prospect wants different options, which still answers the offer. */
const WANTS_OTHERS = /\b(none of (?:these|those|them)|other (?:times?|options|days)|another (?:time|day)|different (?:time|day)|(?:doesn'?t|don'?t|won'?t) work|can'?t do (?:any|those))\b/i;

/** A request for a person is never a free-text answer ("person please", "can I talk to someone?"). */
const WANTS_A_PERSON = /\b(?:person|human|someone|somebody|agent|representative|operator|sales ?rep)\b/i;

/** "the 2nd", "Thursday afternoon": a pick or a time, never a free-text answer such as the need. */
const PICK_OR_TIME = (text: string) =>
  looksLikeTimeRequest(text) || /^\s*(?:the\s+)?(?:\d+(?:st|nd|rd|th)?|first|second|third|last|one|two|three)(?:\s+one)?\s*[.!]?\s*$/i.test(text);

/** A booked demo's own offer, kept so "oh wait, I meant the third one" can move it. */
const CORRECTION = /\b(?:actually|i meant|meant to say|wait|sorry|instead|rather|change (?:it|that) to|make (?:it|that))\b/i;

/** How the message relates to the question the assistant asked last turn. */
export function answerToAsk(text: string, ask: PendingAsk, options: { defaultCountry?: string } = {}): AskAnswer | undefined {
  if (ask.kind === "slot") {
    // a yes/no or a request about the booking is not a free-text answer ("yes, please move it")
    const freeText = ask.slot === "need" || ask.slot === "role" || ask.slot === "company";
    if (freeText && (yesNo(text) !== undefined || bookingChange(text) || WANTS_A_PERSON.test(text) || PICK_OR_TIME(text))) return undefined;
    const result = interpretAnswer(text, ask.slot, options);
    if (result.kind === "value") return { kind: "value", slot: ask.slot, profile: result.profile };
    if (result.kind === "declined") return { kind: "declined", slot: ask.slot };
    if (result.kind === "invalid") return { kind: "invalid", slot: ask.slot, value: result.value, reason: result.reason };
    return undefined;
  }
  if (ask.kind === "option") {
    const picked = pickSlot(text, ask.options.map((o) => ({ startsAt: o.value })), ask.timeZone);
    const asksSomethingElse = text.includes("?") && !/^\s*(?:can|could|shall) (?:i|we) (?:do|have|take|get|go with)\b|^\s*(?:what|how) about\b/i.test(text);
    if (picked !== undefined && !asksSomethingElse && !isQuestion(text.replace(/\?\s*$/, ""))) return { kind: "option", index: picked };
    if (picked !== undefined && /^\s*(?:can|could|shall) (?:i|we) (?:do|have|take|get|go with)\b|^\s*(?:what|how) about\b/i.test(text)) return { kind: "option", index: picked };
    if (WANTS_OTHERS.test(text)) return { kind: "other_times" };
    if (looksLikeTimeRequest(text) && !asksSomethingElse) return { kind: "time_request" };
    const yes = yesNo(text);
    if (yes === false) return { kind: "other_times" };
    if (yes === true && !asksSomethingElse) return ask.options.length === 1 ? { kind: "option", index: 0 } : { kind: "yes" };
    return undefined;
  }
  const answer = yesNo(text);
  return answer === undefined ? undefined : { kind: answer ? "yes" : "no" };
}

/** "Oh wait, I meant the third one" right after a booking: a pick from the offer the booking came from. */
export function correctionOfPick(text: string, lastOffer: PendingAsk | undefined): AskAnswer | undefined {
  if (lastOffer?.kind !== "option" || !CORRECTION.test(text)) return undefined;
  const picked = pickSlot(text, lastOffer.options.map((o) => ({ startsAt: o.value })), lastOffer.timeZone);
  return picked === undefined ? undefined : { kind: "option", index: picked };
}

/** The profile slots in `update` that differ from what the conversation already holds. */
function changedSlots(profile: LeadProfile, update: Partial<LeadProfile>): ProfileSlot[] {
  return (Object.keys(update) as ProfileSlot[]).filter((k) => update[k] !== undefined && update[k] !== profile[k]);
}

/**
 * Runs on every prospect turn before routing. It tests the message first as an answer to the pending ask
 * (a slot value, an option, a yes/no), then reads any other details it carries (several slots, corrections),
 * saves them on the conversation's lead, and leaves the routing decision to `afterUnderstand`.
 * Internal users pass through: they are never asked qualification questions.
 */
export function createUnderstandNode(deps: Pick<SalesGraphDeps, "tools" | "logger" | "store">) {
  /** What the same contact told us in earlier conversations (web, SMS): fills only slots this one lacks. */
  async function remembered(state: SalesStateType, profile: LeadProfile) {
    if (!deps.store) return undefined;
    const keys = contactKeys(profile, state.actor, state.channel);
    if (keys.length === 0) return undefined;
    try {
      return await recallContact(deps.store, state.actor.tenant, keys);
    } catch (error) {
      deps.logger.warn({ conversation: state.conversationId, err: error instanceof Error ? error.message : String(error) }, "contact memory not read");
      return undefined;
    }
  }

  return async function understand(state: SalesStateType): Promise<SalesStateUpdate> {
    const priorAsk = state.pendingAsk;
    const base: SalesStateUpdate = { priorAsk, pendingAsk: undefined, askAnswer: undefined, toolResults: [] };
    if (state.actor.role !== "prospect") return base;

    const text = lastUserText(state);
    const extraction = extractSlots(text);
    const correction = correctionOfPick(text, state.lastOffer ?? undefined);
    const answer = correction ?? (priorAsk ? answerToAsk(text, priorAsk) : undefined);
    const update: Partial<LeadProfile> = { ...extraction.profile, ...(answer?.kind === "value" ? answer.profile : {}) };
    const declined: ProfileSlot[] = answer?.kind === "declined" ? [answer.slot] : declinedSlots(text);
    const memory = await remembered(state, { ...state.profile, ...update });
    const fromMemory: Partial<LeadProfile> = {};
    for (const [slot, value] of Object.entries(memory?.profile ?? {}) as [ProfileSlot, never][]) {
      if (state.profile[slot] === undefined && update[slot] === undefined) fromMemory[slot] = value;
    }
    declined.push(...(memory?.declined ?? []));
    // What we can tell without asking: an SMS sender's number, and a zone from the client or the number.
    const known = { ...state.profile, ...fromMemory, ...update };
    const smsPhone = state.channel === "sms" && /^\+\d{8,15}$/.test(state.actor.id) ? state.actor.id : undefined;
    if (!known.phone && smsPhone) fromMemory.phone = smsPhone;
    const phone = known.phone ?? smsPhone;
    const zone = known.timeZone ?? state.clientTimeZone ?? (phone ? zoneFromPhone(phone) : undefined);
    if (!known.timeZone && zone) fromMemory.timeZone = zone;

    const changed = changedSlots(state.profile, update);
    const toolResults: ToolResult[] = [];
    const isLeadSlot = (k: string) => (LEAD_SLOTS as readonly string[]).includes(k);
    if (changed.some(isLeadSlot) || Object.keys(fromMemory).some(isLeadSlot)) {
      const merged: LeadProfile = { ...state.profile, ...fromMemory, ...update };
      const slots = Object.fromEntries(LEAD_SLOTS.filter((k) => merged[k]).map((k) => [k, merged[k]]));
      const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
      try {
        toolResults.push({ tool: "capture_lead", ok: true, output: await deps.tools.call("capture_lead", slots, context) });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.logger.warn({ conversation: state.conversationId, err: reason }, "lead capture failed");
        toolResults.push({ tool: "capture_lead", ok: false, output: { error: reason } });
      }
    }
    return {
      ...base,
      ...(correction ? { priorAsk: { ...(state.lastOffer as PendingAsk & { kind: "option" }), purpose: "reschedule" as const } } : {}),
      askAnswer: answer,
      profile: { ...fromMemory, ...update },
      declined,
      toolResults,
      newDetails: changed,
      invalidDetails: extraction.invalid.map((i) => ({ slot: i.slot, value: i.value, reason: i.reason })),
    };
  };
}

export type AfterUnderstand = "route_intent" | "demo_request" | "qualify" | "human_handoff" | "support" | "recall";

/** Slots that say who someone is. */
const INTRO_SLOTS: ReadonlySet<ProfileSlot> = new Set(["name", "company", "role", "email", "phone", "teamSize"]);

/** Words that ask for something, so a message with details and one of these is routed, not just noted. */
const ASKS_FOR_SOMETHING = /\b(?:news|competitors?|update|alternatives?|demo|walkthrough|price|pricing|cost|quote|talk|speak|call|help|question|support|issue|problem|error|broken|book|schedule|meet|trial|sign ?up|buy|purchase|compare|vs|versus|how|what|which|why|when|where|can|could|does|do you|is there|are there)\b/i;

/**
 * Where the turn goes: an answer (or fresh details, not a question) goes back to the flow that asked; a
 * change to a booking goes to booking; a question about what the prospect told us is answered from the
 * profile; an introduction with nothing asked is acknowledged; anything else is routed.
 */
export function afterUnderstand(state: SalesStateType): AfterUnderstand {
  if (state.actor.role !== "prospect") return "route_intent";
  const text = lastUserText(state);
  const ask = state.priorAsk;
  const asks = isQuestion(text) || ASKS_FOR_SOMETHING.test(text);
  const details = (state.newDetails?.length ?? 0) > 0 && !asks;
  const handoffNode = state.handoff?.kind === "support" ? "support" : "human_handoff";
  if (bookingChange(text) && !(ask && state.askAnswer && ask.flow === "booking")) return "demo_request";
  // an answer to a qualification question that also asks something: the answer is saved, the question routed
  if (ask?.flow === "qualification" && state.askAnswer && asks) return "route_intent";
  if (ask && (state.askAnswer || details || (ask.kind === "slot" && state.invalidDetails?.some((i) => i.slot === ask.slot)))) {
    return ask.flow === "booking" ? "demo_request" : ask.flow === "handoff" ? handoffNode : "qualify";
  }
  if (recallSlots(text).length > 0) return "recall";
  // "I'd rather not share our budget": noted as declined, acknowledged, and any open flow resumes
  if (!state.askAnswer && declinedSlots(text).length > 0 && !isQuestion(text)) return "qualify";
  if (state.activeFlow === "booking" && details) return "demo_request";
  if (state.activeFlow === "handoff" && state.handoff && details) return handoffNode;
  // an introduction ("hi, this is Dev from Quarrystone") is acknowledged; a bare "this week" is not one
  const introduces = state.newDetails?.some((slot) => INTRO_SLOTS.has(slot)) ?? false;
  if (details && introduces) return "qualify";
  return "route_intent";
}
