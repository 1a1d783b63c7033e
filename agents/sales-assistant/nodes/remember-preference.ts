import type { SalesGraphDeps } from "../deps.js";
import { readPreferenceStatement } from "../dialogue/preference-statements.js";
import { listText, readPreferences, updatePreferences, type PreferenceChange, type UserPreferences } from "../dialogue/preferences.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { afterUnderstand, type AfterUnderstand } from "./understand.js";
import { lastUserText, reply } from "./reply.js";

/** What was just stored, in the user's terms. */
export function acknowledgement(change: PreferenceChange, prefs: UserPreferences): string {
  if (change.forget) return "Done — I've forgotten your preferences.";
  const said: string[] = [];
  const set = change.set ?? {};
  if (set.name) said.push(`I'll call you ${set.name}.`);
  if (set.region) said.push(`I'll use ${set.region} as your region.`);
  if (change.accounts) said.push(`Your accounts are now ${listText(change.accounts)}.`);
  if (change.addAccounts?.length) said.push(`I'll remember you own ${listText(change.addAccounts)}.`);
  if (change.removeAccounts?.length) said.push(`I've taken ${listText(change.removeAccounts)} off your accounts.`);
  if (set.segment) said.push(`I'll remember you cover the ${set.segment} segment.`);
  if (set.answerStyle) said.push(set.answerStyle === "short" ? "I'll keep answers short." : "I'll give fuller answers.");
  const hint = set.region || change.accounts || change.addAccounts ? ` Ask “how's my pipeline?” or “how are my accounts doing?” any time.` : "";
  return `Noted${prefs.name ? `, ${prefs.name}` : ""} — ${said.join(" ")}${hint}`;
}

/** The stored preferences as the user reads them ("what do you know about me?"). */
export function preferencesText(prefs: UserPreferences): string {
  const parts: string[] = [];
  if (prefs.name) parts.push(`I call you ${prefs.name}`);
  if (prefs.region) parts.push(`your region is ${prefs.region}`);
  if (prefs.accounts?.length) parts.push(`you own ${listText(prefs.accounts)}`);
  if (prefs.segment) parts.push(`you cover the ${prefs.segment} segment`);
  if (prefs.answerStyle) parts.push(`you prefer ${prefs.answerStyle} answers`);
  if (parts.length === 0) return "You haven't told me anything about yourself yet. Try “my region is EMEA” or “I own the Globex account”.";
  return `What I remember: ${parts.join("; ")}. Say “forget my preferences” to clear them.`;
}

/**
 * Internal users only, before routing: reads the user's stored preferences into the turn, and stores what
 * the message says about them ("my region is EMEA", "I own the Globex account", "call me Sam"). A message
 * that only says that is acknowledged; one that also asks something goes on to the router with the
 * preferences already applied. Memory is keyed by verified identity (tenant + actor id), in the Store.
 */
export function createRememberPreferenceNode(deps: Pick<SalesGraphDeps, "store" | "logger">) {
  return async function rememberPreference(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect" || !deps.store) return { reply: "" };
    const { tenant, id } = state.actor;
    const fail = (error: unknown, what: string) =>
      deps.logger.warn({ conversation: state.conversationId, err: error instanceof Error ? error.message : String(error) }, what);
    let prefs: UserPreferences = {};
    try {
      prefs = await readPreferences(deps.store, tenant, id);
    } catch (error) {
      fail(error, "user preferences not read");
    }
    const statement = readPreferenceStatement(lastUserText(state));
    if (!statement) return { reply: "", preferences: prefs };
    const changed = Object.keys(statement.change).length > 0;
    if (changed) {
      try {
        prefs = await updatePreferences(deps.store, tenant, id, statement.change);
      } catch (error) {
        fail(error, "user preferences not saved");
        if (!statement.rest) return { preferences: prefs, ...reply("Sorry, I couldn't save that just now — please try again in a moment.", "smalltalk") };
      }
    }
    if (statement.rest) return { reply: "", preferences: prefs };
    const text = changed ? acknowledgement(statement.change, prefs) : preferencesText(prefs);
    return { preferences: prefs, ...reply(text, "smalltalk") };
  };
}

/** Internal users pass remember_preference before routing; prospects go on as understand decides. */
export function afterUnderstandWithPreferences(state: SalesStateType): AfterUnderstand | "remember_preference" {
  return state.actor.role === "prospect" ? afterUnderstand(state) : "remember_preference";
}

/** A message that only stated preferences is answered; anything else is routed. */
export function afterPreference(state: SalesStateType): "route_intent" | "finish_turn" {
  return state.reply ? "finish_turn" : "route_intent";
}
