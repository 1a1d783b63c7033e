import type { ContentAngle, ContentChannel } from "../../src/core/content.js";
import { enforceChars, enforceSms, LIMITS } from "./limits.js";

/** One variant as written (by a template or a model), before limits are enforced. */
export interface Draft {
  angle: ContentAngle;
  subject?: string;
  text: string;
  headlines?: string[];
  descriptions?: string[];
  /** Numbers of the sources (facts) it uses. */
  cites: number[];
}

export interface BrandRules {
  company: string;
  voice: string;
  bannedPhrases: readonly string[];
}

/** Banned phrases the text contains (case-insensitive, whole words). */
export function bannedIn(text: string, banned: readonly string[]): string[] {
  return banned.filter((p) => p.trim() && new RegExp(`(^|\\W)${p.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\W|$)`, "i").test(text));
}

const stripCitations = (s: string) => s.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, "").replace(/\s+([.,!?])/g, "$1").trim();

/** Citation numbers written into a model's text as [n]. */
export function citationsIn(...texts: (string | undefined)[]): number[] {
  const found = new Set<number>();
  for (const t of texts) for (const m of (t ?? "").matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) m[1]!.split(",").forEach((n) => found.add(Number(n)));
  return [...found];
}

/**
 * The variant as it may go out: citation marks moved out of the text (sources stay with the variant), and
 * every limit of the channel applied. Whatever produced the draft, the result fits.
 */
export function finalize(channel: ContentChannel, draft: Draft, brand: BrandRules): Draft {
  const cites = [...new Set([...draft.cites, ...citationsIn(draft.text, draft.subject, ...(draft.headlines ?? []), ...(draft.descriptions ?? []))])];
  const text = stripCitations(draft.text);
  switch (channel) {
    case "sms":
      return { angle: draft.angle, text: enforceSms(text, brand.company), cites };
    case "subject":
      return { angle: draft.angle, text: enforceChars(text.replace(/\n+/g, " "), LIMITS.subject), cites };
    case "linkedin":
      return { angle: draft.angle, text: enforceChars(text, LIMITS.linkedin), cites };
    case "ad": {
      const headlines = (draft.headlines ?? [text]).map((h) => enforceChars(stripCitations(h), LIMITS.adHeadline)).filter(Boolean).slice(0, 3);
      const descriptions = (draft.descriptions ?? [text]).map((d) => enforceChars(stripCitations(d), LIMITS.adDescription)).filter(Boolean).slice(0, 2);
      return { angle: draft.angle, text: [headlines.join(" | "), ...descriptions].join("\n"), headlines, descriptions, cites };
    }
    case "email":
    case "follow_up": {
      const subject = enforceChars(stripCitations(draft.subject ?? "").replace(/\n+/g, " ") || "A quick note", LIMITS.subject);
      return { angle: draft.angle, subject, text: keepParagraphs(text, LIMITS.emailBody), cites };
    }
  }
}

/** Email bodies keep their paragraphs; an over-long one loses whole paragraphs from the middle first, then is cut. */
function keepParagraphs(text: string, max: number): string {
  const paras = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  while (paras.length > 2 && paras.join("\n\n").length > max) paras.splice(paras.length - 2, 1);
  const joined = paras.join("\n\n");
  return joined.length <= max ? joined : enforceChars(joined.replace(/\n+/g, " "), max);
}
