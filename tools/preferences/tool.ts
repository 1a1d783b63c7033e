import type { BaseStore } from "@langchain/langgraph";
import { z } from "zod";
import { defineTool } from "../registry.js";
import { updatePreferences, type PreferenceChange } from "./store.js";

const Name = z.string().trim().min(1).max(120);

export const RememberPreferenceInput = z
  .object({
    name: Name.optional().describe("The name the user wants to be called (\"call me Sam\" → \"Sam\")."),
    region: Name.optional().describe("The user's sales region or territory as they named it, e.g. \"EMEA\"."),
    segment: Name.optional().describe("The customer segment the user covers, e.g. \"mid-market\"."),
    answerStyle: z.enum(["short", "detailed"]).optional().describe("How long the user wants answers to be."),
    addAccounts: z.array(Name).max(20).optional().describe("Accounts the user says they own, to add to what is stored."),
    removeAccounts: z.array(Name).max(20).optional().describe("Accounts the user says they no longer own."),
    forget: z.boolean().optional().describe("True when the user asks to forget everything stored about them."),
  })
  .describe("What the user said about themselves; omit every field they did not mention.");
export type RememberPreferenceInput = z.input<typeof RememberPreferenceInput>;

/**
 * Internal: stores what a rep or manager says about themselves (region, accounts, segment, name, answer
 * style) in the LangGraph Store under their verified identity — the user comes from the tool context, never
 * from the model's input — so later questions in any conversation can use it.
 */
export function createRememberPreferenceTool(deps: { store: BaseStore }) {
  return defineTool({
    name: "remember_preference",
    description:
      "Remember something the user (a rep or manager) says about themselves for later conversations: their region, the accounts they own, the segment they cover, what to call them, or whether they prefer short or detailed answers. Returns everything now stored for them.",
    audience: "internal",
    schema: RememberPreferenceInput,
    run: async (input, context) => {
      const { addAccounts, removeAccounts, forget, ...set } = input;
      const change: PreferenceChange = { set, ...(addAccounts ? { addAccounts } : {}), ...(removeAccounts ? { removeAccounts } : {}), ...(forget ? { forget } : {}) };
      return { stored: await updatePreferences(deps.store, context.actor.tenant, context.actor.id, change) };
    },
  });
}
