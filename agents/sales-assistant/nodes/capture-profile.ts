import { AIMessage } from "@langchain/core/messages";
import type { SalesGraphDeps } from "../deps.js";
import { extractSlots } from "../qualification/extract-slots.js";
import type { LeadProfile, SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { lastUserText } from "./reply.js";

export const SLOT_KEYS = ["name", "email", "phone", "company", "role", "budget", "authority", "need", "timeline"] as const;

/** What the assistant's last message is waiting for, when it asked for something (set by the demo node). */
export function awaitingOf(state: Pick<SalesStateType, "messages">): string | undefined {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const m = state.messages[i]!;
    if (AIMessage.isInstance(m)) return typeof m.additional_kwargs.awaiting === "string" ? m.additional_kwargs.awaiting : undefined;
  }
  return undefined;
}

const LOOKS_LIKE_PICK =
  /^\s*(?:option\s*)?[1-3][.!)]?\s*$|\b(first|second|third|1st|2nd|3rd|last one|mon|tue|wed|thu|fri|monday|tuesday|wednesday|thursday|friday|none of|other times?|another time|different time)\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\bat \d/i;

/** A reply to the demo flow's own question goes straight back to it; anything else is routed as usual. */
export function continuesDemo(awaiting: string | undefined, text: string, extracted: { email?: boolean; invalidEmail?: boolean }): boolean {
  if (awaiting === "email") return Boolean(extracted.email || extracted.invalidEmail);
  if (awaiting === "slot") return LOOKS_LIKE_PICK.test(text);
  return false;
}

/**
 * Runs on every prospect turn before routing: takes contact and BANT details from the message, saves them on
 * the conversation's lead (scored, and flagged to sales once when hot), and keeps a demo booking in progress
 * on track. Internal users pass through untouched.
 */
export function createCaptureProfileNode(deps: Pick<SalesGraphDeps, "tools">, options: { defaultCountryCode?: string } = {}) {
  return async function captureProfile(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role !== "prospect") return { toolResults: [] };
    const text = lastUserText(state);
    const { profile } = extractSlots(text, options);
    const changed = SLOT_KEYS.some((k) => profile[k] !== undefined && profile[k] !== state.profile[k]);
    const toolResults: ToolResult[] = [];
    if (changed) {
      const merged: LeadProfile = { ...state.profile, ...profile };
      const slots = Object.fromEntries(SLOT_KEYS.filter((k) => merged[k]).map((k) => [k, merged[k]]));
      const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
      try {
        toolResults.push({ tool: "capture_lead", ok: true, output: await deps.tools.call("capture_lead", slots, context) });
      } catch (error) {
        toolResults.push({ tool: "capture_lead", ok: false, output: { error: error instanceof Error ? error.message : String(error) } });
      }
    }
    return { profile, toolResults };
  };
}

/** After capture: a demo booking in progress continues; everything else goes to the router. */
export function afterCapture(state: SalesStateType): "route_intent" | "demo_request" {
  if (state.actor.role !== "prospect") return "route_intent";
  const text = lastUserText(state);
  const { profile, invalid } = extractSlots(text);
  const demo = continuesDemo(awaitingOf(state), text, { email: Boolean(profile.email), invalidEmail: invalid.some((i) => i.slot === "email") });
  return demo ? "demo_request" : "route_intent";
}
