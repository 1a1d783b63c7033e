import type { ContentChannel, ContentMetric } from "../../src/core/content.js";

/**
 * What the performance model reads from a variant. Opens depend on what is seen before opening (the subject
 * line, or the SMS/post itself); clicks and conversions on the whole message.
 */
export const FEATURES = ["length", "question", "personalised", "urgency", "offer", "number"] as const;
export type FeatureName = (typeof FEATURES)[number];

const URGENCY = /\b(today|tonight|now|last|ends?|ending|deadline|soon|limited|hurry|before|only|expires?|final|this week|by (mon|tues|wednes|thurs|fri|satur|sun)day|by (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b/i;
const OFFER = /(\d+\s?%|\bfree\b|\bdiscount|\boff\b|\bsave\b|\$\s?\d|\bbonus\b|\btrial\b|\bcredit\b)/i;
const TYPICAL_LENGTH: Record<ContentChannel, number> = { subject: 45, email: 600, follow_up: 500, sms: 140, linkedin: 500, ad: 200 };

/** The text a metric depends on: the subject line for opens of an email, else the message. */
export function seenText(channel: ContentChannel, metric: ContentMetric, v: { text: string; subject?: string }): string {
  return metric === "open" && (channel === "email" || channel === "follow_up") && v.subject ? v.subject : v.text;
}

/** Feature vector in FEATURES order: relative length (0 = typical), then 0/1 indicators. */
export function featuresOf(channel: ContentChannel, metric: ContentMetric, v: { text: string; subject?: string }): number[] {
  const t = seenText(channel, metric, v);
  const typical = metric === "open" && (channel === "email" || channel === "follow_up") ? TYPICAL_LENGTH.subject : TYPICAL_LENGTH[channel];
  return [
    Math.max(-1, Math.min(3, [...t].length / typical - 1)),
    t.includes("?") ? 1 : 0,
    /\{\{\s*first_name\s*\}\}/i.test(t) ? 1 : 0,
    URGENCY.test(t) ? 1 : 0,
    OFFER.test(t) ? 1 : 0,
    /\d/.test(t.replace(/\{\{[^}]*\}\}/g, "").replace(/\bQ[1-4]\b/g, "")) ? 1 : 0,
  ];
}
