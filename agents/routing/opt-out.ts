/** Keywords carriers honour as opt-out on their own (Twilio long codes); on SMS we mirror every one. */
export const OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);

/** In chat only the words that can mean nothing else; "cancel" or "end" alone is about something else there. */
const CHAT_OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "OPTOUT"]);

const keyword = (text: string) => text.normalize("NFKC").replace(/[\s\p{P}]+/gu, "").toUpperCase();

/** True when the whole message is a carrier opt-out keyword ("stop", "STOP!", "opt-out", "stop all"). */
export function isOptOutKeyword(text: string, channel: string = "sms"): boolean {
  return (channel === "sms" ? OPT_OUT_KEYWORDS : CHAT_OPT_OUT_KEYWORDS).has(keyword(text));
}

const CONTACT_VERB = String.raw`(?:contact(?:ing)?|messag(?:e|ing)|text(?:ing)?|email(?:ing)?|e-mail(?:ing)?|call(?:ing)?|spam(?:ming)?|send(?:ing)?|reach(?:ing)? out)`;
const CLEAR_OPT_OUT = new RegExp(
  [
    String.raw`\b(?:stop|quit|cease)\s+${CONTACT_VERB}\b`,
    String.raw`\b(?:don'?t|do not|never)\s+(?:ever\s+)?${CONTACT_VERB}\s+(?:me|us)\b`,
    String.raw`\bno (?:more|further) (?:messages|texts|emails|e-mails|calls|contact|marketing)\b`,
    String.raw`\b(?:unsubscribe|opt(?:-|\s)?out)\b`,
    String.raw`\b(?:remove|take|delete) (?:me|my (?:number|email|e-mail|details|data))\b.{0,30}\b(?:list|lists|database|mailing|contacts?)\b`,
    String.raw`\b(?:leave me alone|stop (?:texting|emailing|messaging) me)\b`,
    String.raw`\bstop sending (?:me|us)\b`,
  ].join("|"),
  "i",
);
const NOT_ABOUT_US = /\b(?:how (?:do|can|to)|can (?:i|you|we)|is there a way|does (?:it|helix|the product)|refresh|dashboard|report|alert|notification settings?)\b/i;

/**
 * A clear request to stop being contacted, in the prospect's own words ("please stop texting me",
 * "unsubscribe me", "remove my email from your list"). A message that merely contains "stop" or "list",
 * asks how to stop something in the product, or tries to instruct the assistant is not one.
 */
export function isClearOptOutRequest(text: string): boolean {
  if (!CLEAR_OPT_OUT.test(text)) return false;
  if (/\bignore (?:all |any |your |the )?(?:previous|prior|above)\b|\bsystem prompt\b/i.test(text)) return false;
  if (/\b(?:unsubscribe|opt(?:-|\s)?out)\b/i.test(text) && NOT_ABOUT_US.test(text) && !/\bme\b/i.test(text)) return false;
  return true;
}
