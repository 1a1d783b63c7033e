import type { UserPreferences } from "../../../tools/preferences/store.js";

export {
  applyPreferenceChange,
  readPreferences,
  updatePreferences,
  userNamespace,
  type PreferenceChange,
  type UserPreferences,
} from "../../../tools/preferences/store.js";

/** "Globex", "Globex and Initech", "Globex, Initech and Acme". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** One line for a system prompt; empty when nothing is stored. */
export function describePreferences(prefs: UserPreferences): string {
  const parts: string[] = [];
  if (prefs.name) parts.push(`call them ${prefs.name}`);
  if (prefs.region) parts.push(`their region is ${prefs.region} (use it when they say "my region" or name no scope)`);
  if (prefs.accounts?.length) parts.push(`they own the ${listText(prefs.accounts)} account${prefs.accounts.length > 1 ? "s" : ""} ("my accounts")`);
  if (prefs.segment) parts.push(`they cover the ${prefs.segment} segment`);
  if (prefs.answerStyle) parts.push(prefs.answerStyle === "short" ? "they prefer short answers" : "they prefer detailed answers");
  return parts.length ? `What this user told you earlier: ${parts.join("; ")}.` : "";
}
