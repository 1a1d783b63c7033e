import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { pickSlot } from "../../../tools/booking/pick-slot.js";
import type { BookDemoOutput, PublicSlot } from "../../../tools/booking/schema.js";
import type { SalesGraphDeps } from "../deps.js";
import { extractSlots } from "../qualification/extract-slots.js";
import { AFTER_BOOKING_ORDER, firstMissing, invalidText, questionFor } from "../qualification/next-question.js";
import { extractTimeZone } from "../qualification/timezone.js";
import type { SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { SLOT_KEYS } from "./capture-profile.js";
import { lastUserText } from "./reply.js";

type Awaiting = "email" | "slot" | undefined;

/** The reply, remembering on the message what it waits for so the next turn can come straight back here. */
function answer(text: string, awaiting: Awaiting, toolResults: ToolResult[], data: Record<string, unknown> = {}): SalesStateUpdate {
  return {
    intent: "demo_request",
    toolResults,
    reply: text,
    messages: [new AIMessage({ content: text, additional_kwargs: { intent: "demo_request", ...(awaiting ? { awaiting } : {}), ...data } })],
  };
}

function slotList(slots: readonly PublicSlot[], timeZone: string, lead: string): string {
  const zone = timeZone === "UTC" ? " Times are in UTC; tell me your time zone and I'll convert them." : "";
  return [
    `${lead}${zone}`,
    ...slots.map((s) => `${s.n}. ${s.label}`),
    `Which suits you? Reply ${slots.map((s) => s.n).join(", ").replace(/, (\d)$/, " or $1")}, or name the day and time.`,
  ].join("\n");
}

const WANTS_OTHERS = /\b(none of|other times?|another time|different time|doesn'?t work|don'?t work)\b/i;

/**
 * Demo requests: make sure we can send an invite (email first, re-asked with the reason when invalid),
 * offer three concrete slots, book the one picked, and confirm with a calendar invite. Never names the rep.
 */
export function createDemoRequestNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function demoRequest(state: SalesStateType): Promise<SalesStateUpdate> {
    const text = lastUserText(state);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const toolResults: ToolResult[] = [...(state.toolResults ?? [])];
    const call = async (input: Record<string, unknown>) => {
      const output = await deps.tools.call<BookDemoOutput>("book_demo", input, context);
      toolResults.push({ tool: "book_demo", ok: true, output });
      return output;
    };

    const status = await call({ action: "status" });
    if (status.status === "booked") {
      return answer(`You're already booked for a demo on ${status.label}. If you need a different time, just let me know and I'll bring in a member of our team.`, undefined, toolResults);
    }
    if (!state.profile.email) {
      const bad = extractSlots(text).invalid.find((i) => i.slot === "email");
      if (bad) return answer(invalidText("email", bad.value, bad.reason), "email", toolResults);
      return answer(`I'd be glad to set up a demo. ${questionFor("email")} I'll send the calendar invite there.`, "email", toolResults);
    }

    if (status.status === "offered" && !WANTS_OTHERS.test(text)) {
      const index = pickSlot(text, status.slots, status.timeZone);
      if (index === undefined) return answer(slotList(status.slots, status.timeZone, "These are the times I have open:"), "slot", toolResults);
      const result = await call({ action: "book", choice: index + 1, email: state.profile.email });
      if (result.status === "booked") {
        const slots = Object.fromEntries(SLOT_KEYS.filter((k) => state.profile[k]).map((k) => [k, state.profile[k]]));
        const captured = await deps.tools.call("capture_lead", { ...slots, demoRequested: true }, context);
        toolResults.push({ tool: "capture_lead", ok: true, output: captured });
        const next = firstMissing(state.profile, AFTER_BOOKING_ORDER);
        const confirm =
          `You're booked: a 30-minute demo on ${result.label} with a member of our team. ` +
          `I've prepared a calendar invite for ${state.profile.email}, and the video link will follow by email.`;
        return answer(next ? `${confirm}\n\nSo we can tailor the demo: ${questionFor(next)}` : confirm, undefined, toolResults, { ics: result.ics, meetingId: result.meetingId });
      }
      if (result.status === "taken") {
        return answer(slotList(result.slots, result.timeZone, "Sorry — someone booked that time a moment ago. Here are the next open times:"), "slot", toolResults);
      }
      return answer("I'm sorry, there are no open demo times in the next two weeks. Would you like me to connect you with a member of our team to find one?", undefined, toolResults);
    }

    const timeZone = state.messages
      .filter((m) => HumanMessage.isInstance(m))
      .map((m) => (typeof m.content === "string" ? extractTimeZone(m.content) : undefined)).filter(Boolean).at(-1);
    const offer = await call({ action: "offer", ...(timeZone ? { timeZone } : {}) });
    if (offer.status !== "offered") {
      return answer("I'm sorry, there are no open demo times in the next two weeks. Would you like me to connect you with a member of our team to find one?", undefined, toolResults);
    }
    return answer(slotList(offer.slots, offer.timeZone, "Here are three times for a 30-minute demo:"), "slot", toolResults);
  };
}
