import type pg from "pg";
import type { KnowledgeBase } from "../../knowledge/knowledge-base.js";
import { createLlmWriter } from "../../tools/content/llm-writer.js";
import { BUILT_IN_PRIOR, type ContentPrior } from "../../tools/content/prior.js";
import { createContentService, type ContentService } from "../../tools/content/service.js";
import { createContentReportTool, createGenerateContentTool, createSendContentTool } from "../../tools/content/tool.js";
import type { SalesTool } from "../../tools/registry.js";
import { createSegmentsService } from "../../tools/segments/service.js";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import type { ContentStore } from "../core/content.js";
import type { Logger } from "../core/logger.js";
import type { OutreachCrm } from "../core/outreach.js";
import { createContentRepo } from "../infra/postgres/content-repo.js";
import { createModelsRepo } from "../infra/postgres/models-repo.js";
import type { LlmProvider } from "../llm/provider.js";

export const CONTENT_PRIOR_KIND = "content-prior";

export interface ContentWiring {
  service: ContentService;
  store: ContentStore;
  /** generate_content and content_report; send_content_variant once the follow-up tool is known. */
  tools(followUp?: SalesTool): SalesTool[];
}

/** The stored prior (`salesgraph content prior`), else the built-in one. */
export function priorLoader(pool: pg.Pool, logger: Logger): () => Promise<ContentPrior> {
  const models = createModelsRepo(pool);
  return async () => {
    try {
      const stored = await models.latest(CONTENT_PRIOR_KIND);
      return (stored?.artefact as ContentPrior | undefined) ?? BUILT_IN_PRIOR;
    } catch (error) {
      logger.warn({ err: error }, "content prior not read; using the built-in prior");
      return BUILT_IN_PRIOR;
    }
  };
}

/** Content generation and experiments over the database, the knowledge base (public), segments and the CRM. */
export function createContentWiring(deps: {
  config: Config;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  llm?: LlmProvider;
  kb?: Pick<KnowledgeBase, "search">;
  crm?: OutreachCrm;
}): ContentWiring {
  const { config, pool, clock, logger } = deps;
  const store = createContentRepo(pool);
  const segments = createSegmentsService({ pool, clock });
  const kb = deps.kb;
  const service = createContentService({
    store,
    clock,
    brand: { company: config.company.name, voice: config.content.brandVoice, bannedPhrases: config.content.bannedPhrases },
    minSample: config.content.minSample,
    knowledge: kb
      ? async (query) => (await kb.search(query, { audience: "public", k: 4 })).map((h) => ({ source: h.sourcePath, title: h.title, text: h.body }))
      : undefined,
    segments: async () => {
      const overview = await segments.overview();
      return overview && { runId: overview.runId, profiles: overview.profiles };
    },
    crm: deps.crm,
    writer: deps.llm?.chatModel ? createLlmWriter(deps.llm.chatModel, { timeoutMs: config.llm.timeoutMs }) : undefined,
    prior: priorLoader(pool, logger),
  });
  return {
    service,
    store,
    tools(followUp) {
      const tools: SalesTool[] = [createGenerateContentTool({ service }), createContentReportTool({ service })];
      if (followUp && deps.crm) {
        tools.push(createSendContentTool({ service, store, crm: deps.crm, followUp, company: config.company.name, clock, logger }));
      }
      return tools;
    },
  };
}
