import type { KnowledgeBase } from "../../knowledge/knowledge-base.js";
import type { KbAudience } from "../../knowledge/types.js";
import { isInternal, type Actor } from "../../src/core/domain.js";
import { defineTool } from "../registry.js";
import { KnowledgeSearchInput, type KnowledgeSearchResult } from "./schema.js";

/** Longest passage returned to the model per hit; enough for an answer with its context. */
const MAX_TEXT = 1200;

/** Prospects read public knowledge only; verified reps and managers read internal knowledge as well. */
export function searchAudienceFor(actor: Pick<Actor, "role">): KbAudience {
  return isInternal(actor) ? "internal" : "public";
}

/** A public address for a document: its source when that is a URL, else a `url:` tag from its front matter. */
export function publicUrl(source: string, tags: readonly string[] = []): string | undefined {
  if (/^https?:\/\//i.test(source)) return source;
  return tags.find((t) => /^url:https?:\/\//i.test(t))?.slice(4);
}

/**
 * Knowledge-base search for the agent. The tool itself is public (prospects ask product questions), but the
 * audience of the search comes from the verified actor in the tool context, never from the model's input,
 * so no prompt can make a prospect's search reach battlecards or discount guidelines.
 */
export function createKnowledgeSearchTool(deps: { kb: Pick<KnowledgeBase, "search"> }) {
  return defineTool({
    name: "knowledge_search",
    description:
      "Search Helix Data's knowledge base (products, prices, integrations, security, onboarding, FAQ, case studies, comparisons). " +
      "Returns numbered passages with their source; cite them as [n].",
    audience: "public",
    schema: KnowledgeSearchInput,
    run: async (input, context): Promise<{ results: KnowledgeSearchResult[] }> => {
      const hits = await deps.kb.search(input.query, {
        audience: searchAudienceFor(context.actor),
        k: input.k,
        tags: input.competitor ? [`competitor:${input.competitor}`] : undefined,
      });
      return {
        results: hits.map((h, i) => ({
          n: i + 1,
          source: h.sourcePath,
          title: h.title,
          heading: h.heading,
          ...(publicUrl(h.sourcePath, h.tags) ? { url: publicUrl(h.sourcePath, h.tags) } : {}),
          text: h.body.length > MAX_TEXT ? `${h.body.slice(0, MAX_TEXT - 1)}…` : h.body,
          score: Math.round(h.score * 10_000) / 10_000,
        })),
      };
    },
  });
}
