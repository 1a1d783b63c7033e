import type { ContentAngle, ContentChannel } from "../../src/core/content.js";
import { bannedIn, finalize, type BrandRules, type Draft } from "./draft.js";
import { lexicalOverlap, MAX_OVERLAP } from "./distinct.js";
import type { ContentFacts } from "./facts.js";
import { checkLimits } from "./limits.js";
import { chooseAngles, templateDraft } from "./templates.js";

export type Writer = (channel: ContentChannel, angles: readonly ContentAngle[], facts: ContentFacts, brand: BrandRules) => Promise<Draft[]>;

export interface Generated {
  drafts: Draft[];
  /** "llm" when every variant came from the model, "local" when none did, "mixed" otherwise. */
  writer: "llm" | "local" | "mixed";
  notes: string[];
}

const visible = (d: Draft) => [d.subject, d.text, ...(d.headlines ?? []), ...(d.descriptions ?? [])].filter(Boolean).join(" ");

/** Removes a banned phrase a template or an edit still carries (configurable lists can ban ordinary words). */
function scrub(d: Draft, banned: readonly string[]): Draft {
  const found = bannedIn(visible(d), banned);
  if (!found.length) return d;
  const strip = (s: string) => found.reduce((t, p) => t.replace(new RegExp(`\\s*\\b${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "gi"), ""), s).replace(/\s{2,}/g, " ").trim();
  return {
    ...d,
    text: strip(d.text),
    ...(d.subject ? { subject: strip(d.subject) } : {}),
    ...(d.headlines ? { headlines: d.headlines.map(strip) } : {}),
    ...(d.descriptions ? { descriptions: d.descriptions.map(strip) } : {}),
  };
}

/**
 * Exactly three variants, one per angle. With a writer (LLM mode) each model variant is kept only if it has
 * its angle, no banned phrase, fits its channel once limits are enforced and is not a near-copy of one already
 * kept; otherwise the template for that angle stands in. Limits are applied last, to everything.
 */
export async function generateVariants(channel: ContentChannel, facts: ContentFacts, brand: BrandRules, writer?: Writer): Promise<Generated> {
  const angles = chooseAngles(facts);
  const notes: string[] = [];
  let fromModel: Draft[] = [];
  if (writer) {
    try {
      fromModel = await writer(channel, angles, facts, brand);
    } catch (error) {
      notes.push(`model unavailable (${(error as Error).message.split("\n")[0]!.slice(0, 120)}); templates used`);
    }
  }
  const kept: Draft[] = [];
  let llm = 0;
  for (const angle of angles) {
    const candidate = fromModel.find((d) => d.angle === angle);
    let chosen: Draft | undefined;
    if (candidate) {
      const final = finalize(channel, candidate, brand);
      const banned = bannedIn(visible(final), brand.bannedPhrases);
      const tooClose = kept.some((k) => lexicalOverlap(visible(k), visible(final)) >= MAX_OVERLAP);
      if (banned.length) notes.push(`${angle}: model used banned phrase(s) ${banned.join(", ")}; template used`);
      else if (tooClose) notes.push(`${angle}: model variant too close to another; template used`);
      else if (!checkLimits(channel, final).ok) notes.push(`${angle}: model variant could not be fitted to the channel; template used`);
      else chosen = final;
      if (chosen) llm += 1;
    } else if (writer && fromModel.length) notes.push(`${angle}: model returned no variant with this angle; template used`);
    kept.push(chosen ?? finalize(channel, scrub(templateDraft(channel, angle, facts), brand.bannedPhrases), brand));
  }
  return { drafts: kept, writer: llm === 3 ? "llm" : llm === 0 ? "local" : "mixed", notes };
}
