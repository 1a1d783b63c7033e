import { randomUUID } from "node:crypto";
import http from "node:http";
import express, { type Express } from "express";
import { createSlackRoutes } from "../../channels/slack/slack-adapter.js";
import { createTwilioRoutes } from "../../channels/sms/twilio-adapter.js";
import { teamsEnabled } from "../../channels/teams/bot-authentication.js";
import type { TeamsReference } from "../../channels/teams/conversation-references.js";
import { createTeamsRoutes } from "../../channels/teams/teams-adapter.js";
import { createWebChatStreamRoutes } from "../../channels/web/sse-routes.js";
import { createWebStaticRoutes } from "../../channels/web/static-routes.js";
import { NotFoundError } from "../core/errors.js";
import { createChannelReferencesRepo } from "../infra/postgres/channel-references-repo.js";
import { createInboundEventsRepo } from "../infra/postgres/inbound-events-repo.js";
import { createOperatorAuditRepo } from "../infra/postgres/operator-audit-repo.js";
import { createPostgresRateLimiter } from "../infra/postgres/rate-limits-repo.js";
import { createHealthRoutes } from "./health-routes.js";
import { limitEveryRequest, limitUrl, requestTelemetry } from "./http-guards.js";
import { traceRequests } from "./http-tracing.js";
import { allowLoopbackOperators } from "./operator-auth.js";
import { createChatRoutes } from "./chat-routes.js";
import { createChatUpdatesRoutes } from "./chat-updates-routes.js";
import type { Container } from "./container.js";
import { errorHandler } from "./http-errors.js";
import { createOperatorRoutes } from "./operator-routes.js";
import { createTranscriptRoutes } from "./transcript-routes.js";
import { createApprovalRoutes } from "./approval-routes.js";
import { createContentRoutes } from "./content-routes.js";
import { createMarketingRoutes } from "./marketing-routes.js";
import type { JobQueue } from "../core/jobs.js";
import { startJobs } from "./jobs-wiring.js";
import { createDashboardWiring } from "./dashboard-wiring.js";
import { installStateGauges } from "./metrics-state.js";
import { channelTelemetry, countingDeduper } from "./http-metrics.js";
import { createOpenApiRoutes } from "./openapi-routes.js";

export interface HttpApp {
  app: Express;
  /** Which channels are mounted (a channel is mounted only when configured). */
  channels: string[];
  /** Resolves when work the channels run after acknowledging (Slack, Teams) has finished. */
  drain(): Promise<void>;
  /** Computes the dashboard's default model figures ahead of the first visit (serve calls it once). */
  warm(): Promise<void>;
}

/**
 * The HTTP surface: every configured channel and the API on one express app. Channel routers bring
 * their own body parsers on their own paths (Slack needs the raw body), so they are mounted before any
 * JSON parser.
 */
export function createHttpApp(container: Container): HttpApp {
  const { config, logger, metrics } = container;
  const app = express();
  app.disable("x-powered-by");
  // which X-Forwarded-For entries name the client (TRUST_PROXY); req.ip is then the visitor, not the proxy
  app.set("trust proxy", config.server.trustProxy);

  if (container.tracing.tracer) app.use(traceRequests(container.tracing.tracer));
  app.use(requestTelemetry({ metrics, logger, newId: randomUUID }));
  app.use(limitUrl(config.server.maxUrlBytes));
  app.use(limitEveryRequest({ perMinute: config.server.httpRateLimitPerMinute, exempt: ["/healthz", "/readyz"] }));
  if (config.server.operatorLoopback) {
    logger.warn("SALESGRAPH_OPERATOR_LOOPBACK=true: requests from this machine reach operator routes (no SALESGRAPH_API_TOKEN) and /metrics (no METRICS_TOKEN) without a token — development only");
    app.use(allowLoopbackOperators());
  } else if (!config.server.apiToken) {
    logger.info("operator routes are off: set SALESGRAPH_API_TOKEN to use them");
  }

  app.use(
    createHealthRoutes({
      pool: container.db.pool,
      database: container.db.kind,
      llm: container.llm.kind,
      metrics,
      metricsToken: config.server.metricsToken,
    }),
  );

  installStateGauges(metrics, container.db.pool);
  app.use(channelTelemetry(metrics));
  const deduper = countingDeduper(createInboundEventsRepo(container.db.pool), metrics);
  // Budgets live in PostgreSQL, so every process draws on the same one; chat and stream share theirs.
  const limiter = (scope: string) =>
    createPostgresRateLimiter({
      pool: container.db.pool,
      scope,
      perMinute: config.server.rateLimitPerMinute,
      clock: container.clock,
      onError: (error) => logger.warn({ err: error }, "rate-limit purge failed"),
    });
  const chatLimiter = limiter("web");
  const drains: (() => Promise<void>)[] = [];
  const channels: string[] = ["web"];
  const common = { handler: container.handler, tenant: config.tenant, logger, deduper };
  if (config.slack.signingSecret && config.slack.botToken) {
    const slack = createSlackRoutes({
      ...common,
      config: config.slack,
      rateLimiter: limiter("slack"),
      handoffs: { inbox: container.inbox, fallbackName: `${config.company.name} team` },
      approvals: container.approvals.desk,
    });
    app.use(slack.router);
    drains.push(slack.drain);
    channels.push("slack");
  }
  if (config.twilio.authToken && config.publicBaseUrl) {
    const sms = createTwilioRoutes({
      ...common,
      config: config.twilio,
      publicBaseUrl: config.publicBaseUrl,
      company: config.company,
      rateLimiter: limiter("sms"),
    });
    app.use(sms.router);
    drains.push(sms.drain);
    channels.push("sms");
  }
  if (teamsEnabled(config.teams)) {
    const teams = createTeamsRoutes({
      ...common,
      config: config.teams,
      references: createChannelReferencesRepo<TeamsReference>(container.db.pool, "teams"),
      approvals: container.approvals.desk,
    });
    app.use(teams.router);
    drains.push(teams.drain);
    channels.push("teams");
  }

  app.use(createWebStaticRoutes());
  app.use(
    createWebChatStreamRoutes({
      handler: container.handler,
      conversationExists: async (id) => (await container.repos.conversations.find("web", id)) !== undefined,
      tenant: config.tenant,
      logger,
      bodyLimitBytes: config.server.bodyLimitBytes,
      rateLimiter: chatLimiter,
    }),
  );
  app.use(
    createChatRoutes({
      handler: container.handler,
      conversations: container.repos.conversations,
      config,
      rateLimiter: chatLimiter,
    }),
  );

  app.use(createChatUpdatesRoutes({ conversations: container.repos.conversations }));
  app.use(
    createOperatorRoutes({
      inbox: container.inbox,
      handoffs: container.repos.handoffs,
      apiToken: config.server.apiToken,
      audit: createOperatorAuditRepo(container.db.pool),
      bodyLimitBytes: config.server.bodyLimitBytes,
      defaultAuthor: `${config.company.name} team`,
    }),
  );

  app.use(
    createApprovalRoutes({
      desk: container.approvals.desk,
      store: container.approvals.store,
      apiToken: config.server.apiToken,
      bodyLimitBytes: config.server.bodyLimitBytes,
      defaultAuthor: "operator",
    }),
  );

  app.use(createTranscriptRoutes({ transcripts: container.transcripts, apiToken: config.server.apiToken }));
  app.use(createContentRoutes({ content: container.content, apiToken: config.server.apiToken, bodyLimitBytes: config.server.bodyLimitBytes }));
  app.use(createMarketingRoutes({ marketing: container.marketing, apiToken: config.server.apiToken, bodyLimitBytes: config.server.bodyLimitBytes }));

  const dashboard = createDashboardWiring(container, deduper);
  app.use(dashboard.router);
  app.use(createOpenApiRoutes());

  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return {
    app,
    channels,
    async drain() {
      await Promise.all(drains.map((d) => d()));
    },
    warm: dashboard.warm,
  };
}

export interface RunningServer {
  server: http.Server;
  port: number;
  channels: string[];
  /** The job queue this process works (JOBS_ENABLED); stopped on shutdown before the database closes. */
  jobs?: JobQueue;
  /** Stops accepting connections, lets in-flight turns finish, then closes the container. */
  shutdown(): Promise<void>;
  /** Computes the dashboard's default figures ahead of the first visit. */
  warm(): Promise<void>;
}

export async function startServer(container: Container, options: { port: number; host: string }): Promise<RunningServer> {
  const http_ = createHttpApp(container);
  const server = http.createServer({ maxHeaderSize: container.config.server.maxHeaderBytes }, http_.app);
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  let jobs: JobQueue | undefined;
  try {
    jobs = container.config.jobs.enabled ? await startJobs(container) : undefined;
  } catch (error) {
    server.close();
    server.closeAllConnections();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    channels: http_.channels,
    jobs,
    warm: http_.warm,
    shutdown() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = new Promise<void>((resolve) =>
          setTimeout(resolve, container.config.server.shutdownTimeoutMs).unref(),
        );
        await Promise.race([Promise.all([closed, http_.drain(), container.handler.drain()]), deadline]);
        server.closeAllConnections();
        await jobs?.stop().catch((error) => container.logger.error({ err: error }, "job queue did not stop cleanly"));
        await container.close();
      })();
      return closing;
    },
  };
}
