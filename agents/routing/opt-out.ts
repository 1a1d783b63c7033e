/** Keywords carriers honour as opt-out on their own (Twilio long codes); on SMS we mirror every one. */
export const OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);

/** In chat only the words that can mean nothing else; "cancel" or "end" alone is about something else there. */
const CHAT_OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "OPTOUT"]);

const keyword = (text: string) => text.normalize("NFKC").replace(/[\s\p{P}]+/gu, "").toUpperCase();

/** True when the whole message is a carrier opt-out keyword ("stop", "STOP!", "opt-out", "stop all"). */
export function isOptOutKeyword(text: string, channel: string = "sms"): boolean {
  return (channel === "sms" ? OPT_OUT_KEYWORDS : CHAT_OPT_OUT_KEYWORDS).has(keyword(text));
}

const CONTACT_VERB = String.raw`(?:contact(?:ing)?|messag(?:e|ing)|msg(?:ing)?|text(?:ing)?|txt|sms|email(?:ing)?|e-mail(?:ing)?|mail(?:ing)?|call(?:ing)?|ring(?:ing)?|spam(?:ming)?|send(?:ing)?|reach(?:ing)? out(?: to)?|bother(?:ing)?|pester(?:ing)?)`;
const CHANNEL_NOUN = String.raw`(?:messages?|msgs?|texts?|sms|emails?|e-mails?|mails?|calls?|contact|marketing|newsletters?|communications?|comms|spam|promos?|offers?|updates)`;
const MY_DETAILS = String.raw`(?:me|this (?:number|phone|email(?: address)?)|my (?:number|phone(?: number)?|mobile|cell|email(?: address)?|e-mail|address|details|data|info(?:rmation)?|contact(?: info(?:rmation)?| details)?))`;
const CLEAR_OPT_OUT = new RegExp(
  [
    String.raw`\b(?:stop|quit|cease|end)\s+${CONTACT_VERB}\b`,
    String.raw`\b(?:don'?t|dont|do not|never|pls don'?t|please don'?t)\s+(?:ever\s+)?${CONTACT_VERB}\s+(?:me|us)\b`,
    String.raw`\b(?:don'?t|dont|do not)\s+(?:want|need)\s+(?:any\s+)?(?:more\s+|further\s+)?${CHANNEL_NOUN}\b`,
    String.raw`\bno (?:more|further) ${CHANNEL_NOUN}\b`,
    String.raw`\benough (?:with )?(?:the |your |these |all the )?${CHANNEL_NOUN}\b`,
    String.raw`\b(?:unsubscribe|opt(?:-|\s)?out)\b`,
    String.raw`\b(?:remove|take|delete|erase|drop)\s+${MY_DETAILS}\b(?!\s+(?:to|as)\b)`,
    String.raw`\b(?:leave me alone|stop (?:texting|emailing|messaging|calling) me)\b`,
    String.raw`\bstop sending (?:me|us)\b`,
    String.raw`\b${CHANNEL_NOUN}\s+(?:need|needs|have|has|must)\s+to\s+stop\b`,
    String.raw`\boff (?:your|ur|the|all your) (?:list|lists|mailing list|database|contacts)\b`,
    String.raw`\b(?:withdraw|revoke)\s+(?:my\s+)?(?:permission|consent)\b`,
    String.raw`\b(?:don'?t|do not|no longer)\s+want to hear from\b`,
    String.raw`\b(?:not|no longer) interested\b.{0,30}\bremove\b`,
  ].join("|"),
  "i",
);
const PRODUCT_NOUN = /\b(?:reports?|dashboards?|workspaces?|accounts?|users?|teams?|apps?|admins?|settings?|exports?|charts?|widgets?|alerts?|datasets?|projects?)\b/i;
const NOT_ABOUT_US = /\b(?:how (?:do|can|to)|can (?:i|you|we)|is there a way|does (?:it|helix|the product)|refresh|dashboard|report|alert|notification settings?)\b/i;

/**
 * A clear request to stop being contacted, in the prospect's own words ("please stop texting me",
 * "unsubscribe me", "remove my email from your list"). A message that merely contains "stop" or "list",
 * asks how to stop something in the product, or tries to instruct the assistant is not one.
 */
export function isClearOptOutRequest(text: string): boolean {
  if (!CLEAR_OPT_OUT.test(text)) return false;
  // "can I remove my data from a shared report?" is about the product, not about being contacted
  if (/^\s*(?:how|can|could|is there|where|what|does|do)\b/i.test(text) && PRODUCT_NOUN.test(text)) return false;
  if (/\bignore (?:all |any |your |the )?(?:previous|prior|above)\b|\bsystem prompt\b/i.test(text)) return false;
  if (/\b(?:unsubscribe|opt(?:-|\s)?out)\b/i.test(text) && NOT_ABOUT_US.test(text) && !/\bme\b/i.test(text)) return false;
  return true;
}
