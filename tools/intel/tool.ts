import { defineTool } from "../registry.js";
import { renderBattlecard, type Battlecard, type Battlecards } from "./battlecards.js";
import { renderDigest, type Digest, type DigestService } from "./digest.js";
import { BattlecardInput, IntelDigestInput } from "./schema.js";

export type IntelDigestOutput = Digest & { text: string };
export type BattlecardOutput =
  | { kind: "card"; card: Battlecard; text: string }
  | { kind: "list"; competitors: string[]; text: string };

/** Internal: the competitor digest (changes with links, old → new prices, why it matters, talk tracks). */
export function createIntelDigestTool(deps: { digests: DigestService }) {
  return defineTool({
    name: "intel_digest",
    description:
      "Competitive intelligence digest for reps and managers: what each watched competitor changed in a period — price changes with old and new amounts, features added or removed, new plans, news (launches, funding, hires, partnerships) — each with its link and snapshot id, why it matters, a talk track and the battlecard sections to update.",
    audience: "internal",
    schema: IntelDigestInput,
    run: async (input): Promise<IntelDigestOutput> => {
      const digest = await deps.digests.digest({ since: input.since, competitor: input.competitor });
      return { ...digest, text: renderDigest(digest) };
    },
  });
}

/** Internal: the full battlecard (strengths, weaknesses, landmines, objection handling, proof points, recent intel). */
export function createBattlecardTool(deps: { battlecards: Battlecards }) {
  return defineTool({
    name: "battlecard",
    description:
      "Internal battlecard against a competitor: their strengths and weaknesses, landmine questions, objection handling, proof points and the last 30 days of intel on them. Internal only — never quote it to a prospect.",
    audience: "internal",
    schema: BattlecardInput,
    run: async (input): Promise<BattlecardOutput> => {
      const competitors = await deps.battlecards.list();
      const card = input.competitor ? await deps.battlecards.get(input.competitor) : undefined;
      if (card) return { kind: "card", card, text: renderBattlecard(card) };
      const text = `${input.competitor ? `There is no battlecard for ${input.competitor}. ` : ""}Battlecards: ${competitors.join(", ") || "none yet"}.`;
      return { kind: "list", competitors, text };
    },
  });
}
