import type { ContentChannel } from "../../../src/core/content.js";

/** A campaign-content request read from a rep's or manager's message. */
export interface ContentAsk {
  channel: ContentChannel;
  segment: string;
  objective: string;
  offer?: string;
}

export const GENERAL_SEGMENT = "All accounts";

export function channelOf(text: string): ContentChannel {
  if (/\bsubject(\s|-)?lines?\b|\bsubjects\b/i.test(text)) return "subject";
  if (/\b(sms|text messages?|texts?)\b/i.test(text)) return "sms";
  if (/\blinked\s?in\b/i.test(text)) return "linkedin";
  if (/\b(search ads?|google ads?|ad copy|ads?|headlines?)\b/i.test(text)) return "ad";
  return "email";
}

/** "three subject lines for the Enterprise segment about the Q1 webinar" → subject / Enterprise / the Q1 webinar. */
export function readContentAsk(text: string): ContentAsk {
  const clean = text.replace(/<@[A-Z0-9]+>/g, "").replace(/\s+/g, " ").trim();
  const segment =
    /\b(?:for|to|targeting|at)\s+(?:the\s+|our\s+)?([A-Za-z][\w ,&'-]{1,40}?)\s+segment\b/i.exec(clean)?.[1] ??
    /\bsegment\s*[:=]?\s*["“]?([A-Za-z][\w ,&'-]{1,40}?)["”]?(?=\s+(?:about|on|for|promoting)\b|[.,;]|$)/i.exec(clean)?.[1] ??
    GENERAL_SEGMENT;
  const about = /\b(?:about|promoting|announcing|on|for)\s+((?:the|our|a|an)\s+[^.?!]+|[A-Z0-9][^.?!]+)$/i.exec(clean.replace(/\b(?:for|to|targeting|at)\s+(?:the\s+|our\s+)?[\w ,&'-]+?\s+segment\b/i, ""));
  const objective = (about?.[1] ?? clean).trim().replace(/[.!?]+$/, "");
  const offer = /\b(\d{1,2}\s?% off[^,.;]*)/i.exec(clean)?.[1];
  return { channel: channelOf(clean), segment: segment.trim(), objective, ...(offer ? { offer } : {}) };
}

/** "how is experiment exp_ab12 doing", "report on exp_ab12". */
export function experimentIdIn(text: string): string | undefined {
  return /\b(exp_[a-z0-9]{4,})\b(?!-)/i.exec(text)?.[1]?.toLowerCase();
}
