import { looksLikeTimeRequest } from "./time-words.js";

/**
 * Cues in a prospect's words that steer a turn before the intent classifier sees it. Each is a narrow,
 * conservative test: when in doubt the message goes to the router.
 */

const QUESTION_START =
  /^\s*(?:what|what's|whats|how|which|who|whom|whose|why|when|where|do|does|did|can|could|would|will|is|are|was|were|should|shall|may|have|has|any|tell me|explain)\b/i;

/** A question, by its mark or the opening word of any of its sentences ("cool. can we meet Thursday"). */
export function isQuestion(text: string): boolean {
  if (/\?/.test(text)) return true;
  return text.split(/[.!;\n]+/).some((sentence) => QUESTION_START.test(sentence));
}

const YES = /^\s*(?:y|yes|yeah|yep|yup|sure|ok|okay|please do|please|go ahead|do it|confirm(?:ed)?|correct|that'?s right|sounds good|absolutely|of course|definitely)\b/i;
const NO = /^\s*(?:n|no|nope|nah|not really|no thanks|no thank you|don'?t|do not|never ?mind|keep it|leave it)\b/i;

/** A yes or no reply to a confirmation question; undefined when it is neither. */
export function yesNo(text: string): boolean | undefined {
  if (NO.test(text)) return false;
  if (YES.test(text)) return true;
  return undefined;
}

const BOOKING_NOUN = String.raw`(?:demo|meeting|call|appointment|booking|slot|session)`;
const RESCHEDULE = new RegExp(
  String.raw`\b(?:reschedule|re-schedule|move|push|shift|change|switch|bring forward)\b.{0,40}\b(?:it|${BOOKING_NOUN}|time|to\s+\w+day|to (?:tomorrow|next|another|a different|later|earlier))\b|\b(?:another|a different|a later|an earlier) (?:time|day|slot)\b|\bcan'?t make (?:it|the ${BOOKING_NOUN})\b`,
  "i",
);
const CANCEL = new RegExp(String.raw`\bcancel\b.{0,30}\b(?:it|${BOOKING_NOUN})\b|\b(?:call|cancel) (?:it|the ${BOOKING_NOUN}) off\b|\bno longer (?:need|want) the ${BOOKING_NOUN}\b`, "i");
const WHEN_BOOKED = new RegExp(String.raw`\b(?:when|what time|what day)\b.{0,30}\bmy ${BOOKING_NOUN}\b|\bam i (?:still )?booked\b`, "i");

export type BookingChange = "reschedule" | "cancel" | "status";

/** A request about an existing booking: move it, cancel it, or when it is. */
export function bookingChange(text: string): BookingChange | undefined {
  if (CANCEL.test(text)) return "cancel";
  if (RESCHEDULE.test(text)) return "reschedule";
  if (/\binstead\b/i.test(text) && looksLikeTimeRequest(text)) return "reschedule";
  if (WHEN_BOOKED.test(text)) return "status";
  return undefined;
}
