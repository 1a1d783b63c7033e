import type { ContentChannel } from "../../src/core/content.js";

/**
 * Channel limits, enforced after generation whatever wrote the text (template or model).
 * SMS: one segment is 160 GSM-7 septets (the extension characters ^{}[]~|€\ and form feed take two) or 70
 * UCS-2 characters when anything outside GSM-7 remains. Search ads: headlines ≤ 30, descriptions ≤ 90.
 */
export const LIMITS = {
  subject: 60,
  emailBody: 1200,
  linkedin: 1300,
  adHeadline: 30,
  adDescription: 90,
  smsGsm: 160,
  smsUcs2: 70,
} as const;

export const SMS_OPT_OUT = "Reply STOP to opt out.";

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** Typography a model likes that GSM-7 lacks, replaced by plain equivalents before counting. */
const TO_GSM: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201C": '"', "\u201D": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00A0": " ", "\u2022": "-",
};

export function toGsmFriendly(text: string): string {
  return text.replace(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0\u2022]/g, (c) => TO_GSM[c] ?? c);
}

export function isGsm7(text: string): boolean {
  for (const c of text) if (!GSM_BASIC.includes(c) && !GSM_EXTENDED.includes(c)) return false;
  return true;
}

/** Length as the carrier counts it: septets for GSM-7, UTF-16 code units for UCS-2. */
export function smsLength(text: string): { encoding: "GSM-7" | "UCS-2"; length: number; limit: number } {
  if (isGsm7(text)) {
    let n = 0;
    for (const c of text) n += GSM_EXTENDED.includes(c) ? 2 : 1;
    return { encoding: "GSM-7", length: n, limit: LIMITS.smsGsm };
  }
  return { encoding: "UCS-2", length: text.length, limit: LIMITS.smsUcs2 };
}

/**
 * Cuts text to fit `fits` at a word boundary, dropping a dangling connective and trailing punctuation; when
 * even one word is too long it is cut hard. Never returns a broken word unless there is no other way.
 */
export function cutToFit(text: string, fits: (t: string) => boolean, ending = ""): string {
  const trimmed = text.trim();
  if (fits(trimmed + ending)) return trimmed + ending;
  const clean = trimmed.replace(/\s+/g, " ");
  const words = clean.split(" ");
  for (let n = words.length - 1; n > 0; n--) {
    let head = words.slice(0, n).join(" ");
    head = head.replace(/[\s,;:–—-]+$/, "").replace(/\s+(and|or|but|with|for|to|the|a|an|of|in|on|at|by|your|our)$/i, "");
    head = head.replace(/[,;:]+$/, "");
    const candidate = head + ending;
    if (head && fits(candidate)) return candidate;
  }
  let hard = clean;
  while (hard && !fits(hard + ending)) hard = hard.slice(0, -1);
  return hard + ending;
}

const fitsChars = (max: number) => (t: string) => [...t].length <= max;

/** An SMS body with the opt-out wording, within one segment for its encoding. */
export function enforceSms(text: string, company: string): string {
  let body = toGsmFriendly(text)
    .replace(/\s*(reply|text)\s+stop\b[^.]*\.?/gi, "")
    .replace(/\s+/g, " ")
    .trim();
  const prefix = `${company}: `;
  if (!body.toLowerCase().startsWith(company.toLowerCase())) body = prefix + body;
  const suffix = ` ${SMS_OPT_OUT}`;
  const fits = (t: string) => {
    const m = smsLength(t);
    return m.length <= m.limit;
  };
  const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);
  const whole = sentence(body) + suffix;
  if (fits(whole)) return whole;
  const cut = cutToFit(body, (t) => fits(sentence(t) + suffix));
  return sentence(cut) + suffix;
}

export function enforceChars(text: string, max: number): string {
  return cutToFit(text, fitsChars(max));
}

export interface LimitCheck {
  ok: boolean;
  problems: string[];
}

/** Whether a finished variant keeps every limit of its channel (what tests and the API assert). */
export function checkLimits(channel: ContentChannel, v: { text: string; subject?: string; headlines?: string[]; descriptions?: string[] }): LimitCheck {
  const problems: string[] = [];
  const chars = (s: string) => [...s].length;
  if (channel === "sms") {
    const m = smsLength(v.text);
    if (m.length > m.limit) problems.push(`sms ${m.length} > ${m.limit} (${m.encoding})`);
    if (!v.text.includes(SMS_OPT_OUT)) problems.push("sms without opt-out wording");
  }
  if (channel === "subject" && chars(v.text) > LIMITS.subject) problems.push(`subject ${chars(v.text)} > ${LIMITS.subject}`);
  if ((channel === "email" || channel === "follow_up") && v.subject !== undefined && chars(v.subject) > LIMITS.subject) problems.push(`subject ${chars(v.subject)} > ${LIMITS.subject}`);
  if ((channel === "email" || channel === "follow_up") && chars(v.text) > LIMITS.emailBody) problems.push(`body ${chars(v.text)} > ${LIMITS.emailBody}`);
  if (channel === "linkedin" && chars(v.text) > LIMITS.linkedin) problems.push(`post ${chars(v.text)} > ${LIMITS.linkedin}`);
  if (channel === "ad") {
    for (const h of v.headlines ?? []) if (chars(h) > LIMITS.adHeadline) problems.push(`headline '${h}' > ${LIMITS.adHeadline}`);
    for (const d of v.descriptions ?? []) if (chars(d) > LIMITS.adDescription) problems.push(`description '${d}' > ${LIMITS.adDescription}`);
    if (!v.headlines?.length || !v.descriptions?.length) problems.push("ad without headlines or descriptions");
  }
  return { ok: problems.length === 0, problems };
}
