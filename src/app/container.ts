import { BatchedPostgresSaver } from "../infra/postgres/batched-checkpoint-saver.js";
import { buildSalesGraph, type SalesGraph } from "../../agents/sales-assistant/graph.js";
import { createIntentRouter } from "../../agents/routing/intent-router.js";
import { loadOrTrainRouterModel } from "../../agents/routing/router-model.js";
import { trainedRouterFor } from "./router-wiring.js";
import { createEmbedder } from "../../knowledge/create-embedder.js";
import { createKnowledgeBase, type KnowledgeBase } from "../../knowledge/knowledge-base.js";
import { createInviteMailer } from "../../tools/booking/mailer.js";
import { createBookDemoTool } from "../../tools/booking/tool.js";
import { createCaptureLeadTool } from "../../tools/capture/tool.js";
import { createConsentTool } from "../../tools/consent/tool.js";
import { createDealLookupTool } from "../../tools/crm/deals.js";
import { createHandoffDesk } from "../../tools/handoffs/desk.js";
import { createHandoffInbox } from "../../tools/handoffs/inbox.js";
import { createHandoffTool } from "../../tools/handoffs/tool.js";
import { createKnowledgeSearchTool } from "../../tools/knowledge/tool.js";
import { createCatalogTool } from "../../tools/catalog/tool.js";
import { createLeadScoringTool } from "../../tools/leads/tool.js";
import { createPipelineTools } from "../../tools/pipeline/tool.js";
import { createRememberPreferenceTool } from "../../tools/preferences/tool.js";
import { createSegmentInsightTool } from "../../tools/segments/tool.js";
import { ToolRegistry } from "../../tools/registry.js";
import { systemClock, type Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import { createLogger, type Logger } from "../core/logger.js";
import type { ConversationHandler, HandoffInbox } from "../core/ports.js";
import { createCatalogRepo } from "../infra/postgres/catalog-repo.js";
import { createConsentsRepo } from "../infra/postgres/consents-repo.js";
import { createConversationsRepo } from "../infra/postgres/conversations-repo.js";
import { createHandoffsRepo } from "../infra/postgres/handoffs-repo.js";
import { openMemoryStore } from "../infra/postgres/memory-store.js";
import { migrate, withSetupLock } from "../infra/postgres/migrate.js";
import { createModelsRepo } from "../infra/postgres/models-repo.js";
import { createRepOwners } from "../infra/postgres/rep-owners-repo.js";
import { openDatabase, type Database } from "../infra/postgres/pool.js";
import { traceQueries } from "../infra/telemetry/traced-pool.js";
import { startTracing, type Tracing } from "../infra/telemetry/tracing.js";
import { createLlmProvider } from "../llm/index.js";
import type { LlmProvider } from "../llm/provider.js";
import { createApprovalsRepo } from "../infra/postgres/approvals-repo.js";
import { createOutreachRepo } from "../infra/postgres/outreach-repo.js";
import { createApprovals, type Approvals } from "./approvals.js";
import { createApprovalNotifier, createOutboundSms, createOutreachTools, createRequesterNotifier } from "./approval-wiring.js";
import { createConversationHandler, type TurnTracker } from "./conversation-handler.js";
import { createTurnLock } from "./turn-lock.js";
import { createHandoffNotifier, createProspectDelivery } from "./handoff-wiring.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createTranscriptWiring, type TranscriptWiring } from "./transcripts-wiring.js";
import { createTranscriptTool } from "../../tools/transcripts/tool.js";
import { createIntelWiring, type IntelWiring } from "./intel-wiring.js";
import { createContentWiring, type ContentWiring } from "./content-wiring.js";
import { createMarketingWiring, type MarketingWiring } from "./marketing-wiring.js";
import { dashboardLinkIssuer, dashboardSigner } from "./dashboard/signing.js";
import type { SessionSigner } from "./dashboard/session.js";
import { createDashboardLinkTool } from "../../tools/dashboard/tool.js";

export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  llm: LlmProvider;
  metrics: Metrics;
  repos: {
    conversations: ReturnType<typeof createConversationsRepo>;
    handoffs: ReturnType<typeof createHandoffsRepo>;
    consents: ReturnType<typeof createConsentsRepo>;
    models: ReturnType<typeof createModelsRepo>;
  };
  kb: KnowledgeBase;
  tools: ToolRegistry;
  graph: SalesGraph;
  handler: ConversationHandler & TurnTracker;
  /** The human inbox: people's replies and releases (Slack threads, operator API). */
  inbox: HandoffInbox;
  /** Call intelligence (POST /api/transcripts, the transcript tool). */
  transcripts: TranscriptWiring;
  /** Paused actions waiting for a person (APPROVAL_REQUIRED): the desk decides and resumes the graph. */
  approvals: Approvals;
  /** Competitive intelligence: sources, fetcher, digests, battlecards (tools intel_digest, battlecard). */
  intel: IntelWiring;
  /** Content generation and A/B experiments (tools generate_content, content_report, send_content_variant). */
  content: ContentWiring;
  /** Marketing engine: profile, ABM, playbooks on events, campaigns (tools customer_profile, target_accounts, account_playbook). */
  marketing: MarketingWiring;
  /** Signs dashboard sessions and the sign-in links the dashboard_link tool gives reps and managers. */
  dashboard: { signer: SessionSigner; enabled: boolean };
  /** OpenTelemetry traces (OTEL_ENABLED); `tracer` is absent when they are off. */
  tracing: Tracing;
  close(): Promise<void>;
}

export interface ContainerOptions {
  logger?: Logger;
  clock?: Clock;
  /** An already open database (tests); the container then leaves closing it to the caller. */
  db?: Database;
  /** A tracer provider the caller runs (tests: an in-memory exporter); else one is started when OTEL_ENABLED. */
  tracing?: Tracing;
}

/** The composition root: the one place that opens the database, builds the graph and wires the tools. */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const db =
    options.db ??
    (await openDatabase({
      ...config.database,
      onError: (error) => logger.warn({ err: error }, "database connection dropped; the next query reconnects"),
    }));
  const tracing = options.tracing ?? (await startTracing(config.telemetry));
  const tracer = tracing.tracer;
  if (tracer) traceQueries(db.pool, tracer);
  try {
    await migrate(db.pool);
    const checkpointer = new BatchedPostgresSaver(db.pool);
    const memory = await withSetupLock(db, async () => {
      await checkpointer.setup();
      return openMemoryStore(db, (error) => logger.warn({ err: error }, "memory store connection dropped"), config.database);
    });
    const turnLock = createTurnLock({
      db,
      timeoutMs: config.server.turnLockTimeoutMs,
      poolMax: config.database.poolMax,
      connectTimeoutMs: config.database.connectTimeoutMs,
      logger,
    });

    const repos = {
      conversations: createConversationsRepo(db.pool),
      handoffs: createHandoffsRepo(db.pool, config.server.handoffs),
      consents: createConsentsRepo(db.pool),
      models: createModelsRepo(db.pool),
    };
    const metrics = createMetrics();
    const llm = createLlmProvider(config.llm, logger, (call) => {
      metrics.llmCalls.inc({ outcome: call.ok ? "ok" : "error" });
      metrics.llmSeconds.observe(call.ms / 1000);
      if (call.promptTokens) metrics.llmTokens.inc({ kind: "prompt" }, call.promptTokens);
      if (call.completionTokens) metrics.llmTokens.inc({ kind: "completion" }, call.completionTokens);
    });
    const classifier = await loadOrTrainRouterModel(routerModelStore(repos.models));
    const router = createIntentRouter({ classifier, llm: llm.kind === "openai" ? llm : undefined, trained: await trainedRouterFor(config, repos.models) });
    const kb = createKnowledgeBase({ pool: db.pool, dataDir: config.database.dataDir, embedder: embedderFor(config), logger });
    const notifier = createHandoffNotifier(config, db.pool, logger);
    const desk = createHandoffDesk({ store: repos.handoffs, notifier, logger });
    const inbox = createHandoffInbox({
      handoffs: repos.handoffs,
      conversations: repos.conversations,
      notifier,
      delivery: createProspectDelivery(config, repos.consents, clock, logger),
      clock,
      logger,
    });
    const mailer = createInviteMailer(config.smtp);
    const outreach = createOutreachRepo(db.pool);
    const transcripts = createTranscriptWiring(config, db.pool, clock, llm);
    const intel = createIntelWiring(config, db.pool, clock, logger, llm);
    const content = createContentWiring({ config, pool: db.pool, clock, logger, llm, kb, crm: outreach });
    const marketing = createMarketingWiring({
      config, pool: db.pool, clock, logger, kb, content: content.service, mailer, sms: createOutboundSms(config, repos.consents, clock, logger),
    });
    transcripts.service = marketing.observeTranscripts(transcripts.service);
    const outreachTools = createOutreachTools({ config, crm: outreach, consents: repos.consents, mailer, clock, logger });
    const dashboard = dashboardSigner(config);
    const repOwners = createRepOwners(db.pool, config.repOwners);
    const tools = new ToolRegistry([
      createHandoffTool({ desk }),
      createConsentTool({ consents: repos.consents }),
      createKnowledgeSearchTool({ kb }),
      createCatalogTool({ catalog: createCatalogRepo(db.pool), knowledge: kb }),
      createCaptureLeadTool({ pool: db.pool, clock, handoffs: { ...repos.handoffs, open: desk.open } }),
      createBookDemoTool({
        pool: db.pool, clock, companyName: config.company.name, logger, mailer, organizerEmail: config.smtp.from,
      }),
      ...outreachTools,
      ...content.tools(outreachTools.find((t) => t.name === "send_follow_up")),
      createDealLookupTool({ pool: db.pool, clock, owners: repOwners }),
      createLeadScoringTool({ pool: db.pool, clock, owners: repOwners }),
      ...createPipelineTools({ pool: db.pool, clock, owners: repOwners }),
      createSegmentInsightTool({ pool: db.pool, clock }),
      createRememberPreferenceTool({ store: memory.store }),
      createTranscriptTool({ service: transcripts.service }),
      ...intel.tools,
      ...marketing.tools,
      createDashboardLinkTool({ issue: dashboardLinkIssuer(config, dashboard.signer, dashboard.enabled, () => clock.now().getTime()), minutes: config.dashboard.linkMinutes }),
    ], (tool, outcome) => metrics.toolCalls.inc({ tool, outcome }), tracer);
    const graph = buildSalesGraph({
      router, tools, consents: repos.consents, llm, company: config.company, clock, logger, checkpointer, store: memory.store, outreach, tracer,
      agentLimits: { maxSteps: config.llm.agent.maxSteps, callTimeoutMs: config.llm.timeoutMs, turnBudgetMs: config.llm.agent.turnBudgetMs },
      telemetry: {
        toolRefused: (tool) => metrics.toolRefusals.inc({ tool }),
        agentFallback: (reason) => metrics.agentFallbacks.inc({ reason: reason.startsWith("ungrounded") ? "ungrounded" : /timeout|abort/i.test(reason) ? "timeout" : "error" }),
        groundingCaught: () => metrics.groundingCatches.inc(),
      },
    });
    const approvals = createApprovals({
      graph,
      store: createApprovalsRepo(db.pool),
      notifier: createApprovalNotifier(config, db.pool, logger),
      requester: createRequesterNotifier(config, db.pool, logger),
      logger,
    });
    const handler = approvals.wrap(
      createConversationHandler({
        graph,
        conversations: repos.conversations,
        clock,
        logger,
        onTurn: (t) => {
          metrics.turnSeconds.observe({ channel: t.channel, intent: t.intent }, t.seconds);
          marketing.onChatTurn(t);
        },
        inbox,
        // a turn can never hang its client; generous, since a turn that hits it fails instead of falling back:
        // routing and rewording calls (with a retry each) besides the agent's own budget, plus room for a slow database
        turnTimeoutMs: config.llm.agent.turnBudgetMs + 4 * config.llm.timeoutMs + 10_000,
        turnLock,
        tracer,
      }),
    );
    return {
      config,
      logger,
      clock,
      db,
      llm,
      metrics,
      repos,
      kb,
      tools,
      graph,
      handler,
      inbox,
      approvals,
      transcripts,
      intel,
      content,
      marketing,
      dashboard,
      tracing,
      async close() {
        await handler.drain();
        await turnLock.close();
        await memory.close();
        if (!options.db) await db.close();
        if (!options.tracing) await tracing.shutdown().catch((error) => logger.warn({ err: error }, "traces not exported at shutdown"));
      },
    };
  } catch (error) {
    if (!options.db) await db.close().catch(() => undefined);
    if (!options.tracing) await tracing.shutdown().catch(() => undefined);
    throw error;
  }
}

export function embedderFor(config: Config) {
  return config.knowledge.embedder === "openai" && config.llm.apiKey
    ? createEmbedder({
        kind: "openai",
        apiKey: config.llm.apiKey,
        baseUrl: config.llm.baseUrl,
        model: config.knowledge.embeddingModel,
        timeoutMs: config.llm.timeoutMs,
      })
    : createEmbedder({ kind: "local" });
}

function routerModelStore(models: ReturnType<typeof createModelsRepo>) {
  return {
    async get(kind: string) {
      const m = await models.latest(kind);
      return m && { artefact: m.artefact, metrics: m.metrics };
    },
    async put(kind: string, artefact: unknown, metrics: unknown) {
      await models.save({ id: `${kind}-latest`, kind, name: kind, artefact, metrics });
    },
  };
}
