/**
 * SMS is billed per segment: 160 GSM-7 characters (153 each once split) or 70 UCS-2 code units (67 once
 * split), and a single character outside GSM-7 switches the whole message to UCS-2. Replies are kept to two
 * segments: plain text, GSM-7 where possible, shortened at a sentence boundary.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** Characters sent as an escape plus one septet: they count twice. */
const GSM_EXTENDED = "^{}\\[~]|€\f";
const GSM_BASIC_SET = new Set(GSM_BASIC);
const GSM_EXTENDED_SET = new Set(GSM_EXTENDED);

export type SmsEncoding = "GSM-7" | "UCS-2";

export const SMS_MAX_SEGMENTS = 2;

/** Typography a language model likes and GSM-7 lacks, mapped to GSM-7 look-alikes. */
const LOOKALIKES: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/[\u2022\u2023\u25E6\u2043\u2219]/g, "-"],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " "],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ""],
  [/\u00D7/g, "x"],
  [/\t/g, " "],
];
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3]/gu;

function isGsm(char: string): boolean {
  return GSM_BASIC_SET.has(char) || GSM_EXTENDED_SET.has(char);
}

export function smsEncoding(text: string): SmsEncoding {
  for (const char of text) if (!isGsm(char)) return "UCS-2";
  return "GSM-7";
}

/** Segments the text takes, counted the way carriers split it (an escape pair or surrogate pair is never split). */
export function countSmsSegments(text: string): number {
  const gsm = smsEncoding(text) === "GSM-7";
  const units = [...text].map((char) => (gsm ? (GSM_EXTENDED_SET.has(char) ? 2 : 1) : char.length));
  const total = units.reduce((sum, n) => sum + n, 0);
  const single = gsm ? 160 : 70;
  const perPart = gsm ? 153 : 67;
  if (total <= single) return total === 0 ? 0 : 1;
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > perPart) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return segments;
}

/** Markdown to plain text: the phone shows asterisks and brackets literally. */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, "")
    .replace(/^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/gm, "")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/!\[([^\]\n]*)\]\([^)\s]+\)/g, "$1")
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, "$1")
    .replace(/^[ \t]*>[ \t]?/gm, "")
    .replace(/^([ \t]*)[*+•][ \t]+/gm, "$1- ")
    .replace(/(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g, "$1$2")
    .replace(/~~(?=\S)([^~\n]+?)~~/g, "$1")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Keeps the message in GSM-7 when the only obstacles are typography, accents or emoji. */
export function toGsmWherePossible(text: string): string {
  let mapped = text;
  for (const [pattern, replacement] of LOOKALIKES) mapped = mapped.replace(pattern, replacement);
  mapped = [...mapped].map((c) => (isGsm(c) ? c : c.normalize("NFD").replace(/\p{M}/gu, ""))).join("");
  const withoutEmoji = mapped.replace(EMOJI, "").replace(/[ ]{2,}/g, " ").replace(/ +$/gm, "");
  // Other scripts (Cyrillic, CJK…) need UCS-2 anyway; then emoji cost nothing extra and stay.
  return smsEncoding(withoutEmoji) === "GSM-7" ? withoutEmoji.trim() : mapped.trim();
}

const fits = (text: string, maxSegments: number) => countSmsSegments(text) <= maxSegments;

/** Sentences and lines, each keeping its trailing punctuation and following whitespace. */
function sentences(text: string): string[] {
  return (text.match(/[\s\S]*?(?:[.!?]+(?=\s|$)|\n|$)\s*/g) ?? [text]).filter((s) => s.length > 0);
}

/**
 * An answer ready to send as SMS: Markdown stripped, GSM-7 where possible, at most `maxSegments` segments.
 * Too long → whole sentences up to the limit; if even the first sentence is too long, cut at a word and
 * end with "...".
 */
export function formatSms(text: string, maxSegments = SMS_MAX_SEGMENTS): string {
  const plain = toGsmWherePossible(stripMarkdown(text));
  if (fits(plain, maxSegments)) return plain;

  let kept = "";
  for (const sentence of sentences(plain)) {
    if (!fits((kept + sentence).trimEnd(), maxSegments)) break;
    kept += sentence;
  }
  if (kept.trim()) return kept.trim();

  const ellipsis = "...";
  const words = plain.split(/(\s+)/);
  let cut = "";
  for (const word of words) {
    if (!fits((cut + word).trimEnd() + ellipsis, maxSegments)) break;
    cut += word;
  }
  if (!cut.trim()) {
    // One unbroken token (a long URL): cut by characters.
    const chars = [...plain];
    while (chars.length && !fits(chars.join("") + ellipsis, maxSegments)) chars.pop();
    cut = chars.join("");
  }
  return cut.trimEnd() + ellipsis;
}
