import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import { deriveSecret, hashPassword } from "./password.js";

/**
 * Every environment variable the product reads, in one place. The README's configuration table
 * mirrors this schema; nothing else in the code reads process.env.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const booleanFlagOff = booleanFlag.default(false);

const csvList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const EnvSchema = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(35_000),
  SALESGRAPH_DATA_DIR: z.string().default(".salesgraph"),
  SALESGRAPH_TENANT: z.string().min(1).default("demo"),
  SALESGRAPH_API_TOKEN: optionalString,
  SALESGRAPH_OPERATOR_LOOPBACK: booleanFlagOff,
  METRICS_TOKEN: optionalString,
  TRUST_PROXY: z
    .string()
    .default("loopback")
    .transform((v, ctx) => parseTrustProxy(v, ctx)),
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  HTTP_MAX_URL_BYTES: z.coerce.number().int().min(256).max(65_536).default(2048),
  HTTP_MAX_HEADER_BYTES: z.coerce.number().int().min(1024).max(65_536).default(16_384),
  TURN_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  HANDOFF_MAX_OPEN_PER_VISITOR: z.coerce.number().int().min(1).max(1000).default(3),
  HANDOFF_NEW_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  LLM_PROVIDER: z.enum(["auto", "local", "openai"]).default("auto"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_MODEL: z.string().min(1).default("gpt-4o-mini"),
  KB_EMBEDDER: z.enum(["local", "openai"]).default("local"),
  EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  AGENT_MAX_STEPS: z.coerce.number().int().min(1).max(20).default(6),
  AGENT_TURN_BUDGET_MS: z.coerce.number().int().min(1_000).max(600_000).default(45_000),
  COMPANY_NAME: z.string().min(1).default("Helix Data"),
  SUPPORT_EMAIL: z.email().default("support@helixdata.example"),
  SUPPORT_PHONE: z.string().min(3).default("+1 415 555 0100"),
  APPROVAL_REQUIRED: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  PUBLIC_BASE_URL: optionalString.pipe(z.url().optional()),
  // Slack
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "expected a bot token starting xoxb- (OAuth & Permissions → Bot User OAuth Token)").optional()),
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  SLACK_ALLOWED_TEAMS: csvList,
  SLACK_REPS: csvList,
  SLACK_MANAGERS: csvList,
  SLACK_HANDOFF_CHANNEL: optionalString.pipe(z.string().regex(/^[CG][A-Z0-9]{2,31}$/, "expected a Slack channel id (C… or G…)").optional()),
  SLACK_APPROVALS_CHANNEL: optionalString.pipe(z.string().regex(/^[CG][A-Z0-9]{2,31}$/, "expected a Slack channel id (C… or G…)").optional()),
  // Microsoft Teams (Bot Framework names, as botbuilder documents them)
  MicrosoftAppId: optionalString.pipe(z.string().regex(GUID, "expected the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000").optional()),
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  MicrosoftAppTenantId: optionalString,
  TEAMS_ALLOW_UNAUTHENTICATED: booleanFlagOff,
  TEAMS_ALLOWED_TENANTS: csvList,
  TEAMS_REPS: csvList,
  TEAMS_MANAGERS: csvList,
  TEAMS_HANDOFF_CONVERSATION: optionalString,
  TEAMS_APPROVALS_CONVERSATION: optionalString,
  // Twilio SMS
  TWILIO_ACCOUNT_SID: optionalString.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, "expected AC followed by 32 hex digits (Twilio Console → Account Info)").optional()),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM_NUMBER: optionalString,
  TWILIO_API_URL: optionalString.pipe(z.url().optional()),
  SMS_QUIET_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, "expected START-END hours, e.g. 21-8")
    .default("21-8"),
  // Call intelligence
  TRANSCRIPT_REPS: csvList,
  TRANSCRIPT_COMPETITORS: csvList,
  TRANSCRIPT_TRACKERS: z
    .string()
    .optional()
    .transform((v, ctx) => parseTrackers(v ?? "", ctx)),
  TRANSCRIPTION_MODEL: z.string().min(1).default("gpt-4o-transcribe-diarize"),
  // Competitive intelligence and scheduled jobs
  INTEL_CONFIG: z.string().min(1).default("config/intel.yaml"),
  INTEL_BATTLECARDS_DIR: optionalString,
  INTEL_USER_AGENT: z.string().min(3).default("SalesgraphIntel/0.1 (+https://github.com/salesgraph/salesgraph; competitive intelligence)"),
  INTEL_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  INTEL_MAX_BYTES: z.coerce.number().int().min(1_000).max(50_000_000).default(2_000_000),
  INTEL_FETCH_CRON: z.string().min(9).default("0 */6 * * *"),
  INTEL_DIGEST_CRON: z.string().min(9).default("0 8 * * 1"),
  INTEL_DIGEST_SLACK_CHANNEL: optionalString.pipe(z.string().regex(/^[CG][A-Z0-9]{2,31}$/, "expected a Slack channel id (C… or G…)").optional()),
  INTEL_DIGEST_TEAMS_CONVERSATION: optionalString,
  // Marketing engine
  MARKETING_PLAYBOOKS: z.string().min(1).default("config/playbooks.yaml"),
  MARKETING_ALERTS_SLACK_CHANNEL: optionalString.pipe(z.string().regex(/^[CG][A-Z0-9]{2,31}$/, "expected a Slack channel id (C… or G…)").optional()),
  // A router trained with `salesgraph route train` (its labels: the graph's intents, and "oos")
  ROUTER_MODEL: optionalString,
  // Channel users mapped to CRM sales agents: "slack:U0123=Anna Snelling,teams:29:1a2b=Boris Faz"
  REP_OWNERS: optionalString,
  JOBS_ENABLED: booleanFlag.default(true),
  INBOUND_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  // Content generation and experiments
  CONTENT_BRAND_VOICE: z.string().trim().min(3).max(500).default("clear, confident and helpful; short sentences; concrete outcomes over adjectives; no hype"),
  CONTENT_BANNED_PHRASES: z
    .string()
    .default("guarantee,guaranteed,risk-free,best-in-class,world-class,revolutionary,game-changer,act now,click here,synergy")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
  CONTENT_MIN_SAMPLE: z.coerce.number().int().min(10).max(10_000_000).default(200),
  // Dashboard, doctor and housekeeping
  SALESGRAPH_ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, "use at least 10 characters").optional()),
  DASHBOARD_SESSION_SECRET: optionalString.pipe(z.string().min(32, "use at least 32 random characters").optional()),
  DASHBOARD_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  DASHBOARD_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  BOTFRAMEWORK_TOKEN_URL: z.url().default("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"),
  MODEL_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  CONVERSATION_RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(365),
  RETRAIN_CRON: z.string().min(9).default("15 2 * * *"),
  KB_COMPACT_CRON: z.string().min(9).default("45 3 * * 0"),
  // Outbound email (demo invites)
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  SMTP_FROM: optionalString.pipe(z.email().optional()),
  // OpenTelemetry traces (the standard OTel names); off unless OTEL_ENABLED
  OTEL_ENABLED: booleanFlagOff,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OTEL_SERVICE_NAME: z.string().trim().min(1).default("salesgraph"),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  server: {
    host: string;
    port: number;
    apiToken?: string;
    bodyLimitBytes: number;
    shutdownTimeoutMs: number;
    rateLimitPerMinute: number;
    /** Operator routes: a bearer token, or (development only) requests from this machine when no token is set. */
    operatorLoopback: boolean;
    /** Bearer token for /metrics; without one /metrics is off (unless operatorLoopback, then loopback only). */
    metricsToken?: string;
    /** express `trust proxy`: which X-Forwarded-For entries count (hop count, or addresses/CIDRs). */
    trustProxy: boolean | number | string[];
    /** Every request, matched or not, per client address (one process; chat budgets live in PostgreSQL). */
    httpRateLimitPerMinute: number;
    maxUrlBytes: number;
    maxHeaderBytes: number;
    /** How long a turn waits for its conversation's lock before the request gets 409. */
    turnLockTimeoutMs: number;
    /** Open hand-offs one visitor may have at once, and new hand-offs per minute across the deployment. */
    handoffs: { maxOpenPerVisitor: number; newPerMinute: number };
  };
  database: {
    url?: string;
    dataDir: string;
    poolMax: number;
    /** Bounds on a dead or hung database: connect, server-side statement and client-side query. */
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    queryTimeoutMs: number;
  };
  llm: {
    provider: "local" | "openai";
    apiKey?: string;
    baseUrl?: string;
    model: string;
    timeoutMs: number;
    /** Tool-calling agent limits: model calls per turn and the whole turn's time. */
    agent: { maxSteps: number; turnBudgetMs: number };
  };
  knowledge: { embedder: "local" | "openai"; embeddingModel: string };
  logLevel: string;
  tenant: string;
  company: { name: string; supportEmail: string; supportPhone: string };
  approvalRequired: boolean;
  publicBaseUrl?: string;
  slack: {
    signingSecret?: string;
    botToken?: string;
    apiUrl: string;
    allowedTeams: string[];
    reps: string[];
    managers: string[];
    /** Channel id where hand-offs are posted and answered in threads. */
    handoffChannel?: string;
    /** Channel id where approval requests are posted (else in the requesting Slack thread). */
    approvalsChannel?: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    tenantId?: string;
    allowUnauthenticated: boolean;
    allowedTenants: string[];
    reps: string[];
    managers: string[];
    /** Key of a saved conversation reference (channel_references) that hand-off notices are posted to. */
    handoffConversation?: string;
    /** Key of a saved conversation reference that approval cards are posted to. */
    approvalsConversation?: string;
  };
  twilio: {
    accountSid?: string;
    authToken?: string;
    fromNumber?: string;
    apiUrl?: string;
    quietHours: { start: number; end: number };
  };
  /** Demo invites go out by email only when `url` is set (smtp://user:pass@host:port). */
  smtp: { url?: string; from: string };
  /** Call intelligence: the team's names or e-mails, competitors and keyword trackers; the audio model. */
  transcripts: { reps: string[]; competitors: string[]; trackers: { name: string; terms: string[] }[]; transcriptionModel: string };
  /** Competitive intelligence: sources file, battlecards folder, fetch policy, schedules and digest destinations. */
  intel: {
    configFile: string;
    battlecardsDir?: string;
    userAgent: string;
    timeoutMs: number;
    maxBytes: number;
    fetchCron: string;
    digestCron: string;
    digestSlackChannel?: string;
    digestTeamsConversation?: string;
  };
  /** Marketing engine: the playbooks file and the Slack channel rep alerts from playbooks and campaigns go to. */
  marketing: { playbooksFile: string; alertsSlackChannel?: string };
  /** A trained router for serve and chat (else the promoted `router` model, else the built-in one). */
  router: { modelFile?: string };
  /** Channel user ("slack:U0123", "teams:…", "cli:…") → CRM sales agent name, for "my leads" and "my deals". */
  repOwners: Record<string, string>;
  /** The pg-boss job queue `serve` starts (scheduled fetches, digests, cleanup, retention, retraining, compaction). */
  jobs: {
    enabled: boolean;
    inboundEventsRetentionDays: number;
    /** Messages of conversations idle longer than this are deleted; 0 keeps them forever. */
    conversationRetentionDays: number;
    retrainCron: string;
    kbCompactCron: string;
  };
  /** The manager dashboard: sign-in by admin password (kept only as a hash) or by a signed link from chat. */
  dashboard: { adminPasswordHash?: string; sessionSecret?: string; sessionHours: number; linkMinutes: number };
  /** `salesgraph doctor`: where the Bot Framework token is fetched, how old a model may be. */
  doctor: { botFrameworkTokenUrl: string; modelMaxAgeDays: number };
  /** Content generation: brand voice and banned phrases; exposures per variant before a winner is declared. */
  content: { brandVoice: string; bannedPhrases: string[]; minSample: number };
  /** OpenTelemetry traces, exported over OTLP/HTTP to `${otlpEndpoint}/v1/traces` when enabled. */
  telemetry: { enabled: boolean; otlpEndpoint: string; serviceName: string };
}

/**
 * TRUST_PROXY: `false`/`0` (use the socket address), a hop count (`1` = one proxy in front), or a comma list of
 * addresses, CIDRs and express names (`loopback`, `linklocal`, `uniquelocal`). `true` is refused: it trusts any
 * X-Forwarded-For a client sends.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): boolean | number | string[] {
  const v = value.trim();
  if (v === "" || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "true") {
    ctx.addIssue({ code: "custom", message: "true would trust any X-Forwarded-For; give a hop count or addresses/CIDRs" });
    return false;
  }
  const entries = v.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((s) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(s));
  if (bad) ctx.addIssue({ code: "custom", message: `not an address, CIDR or express name: ${bad}` });
  return entries;
}

/** `pricing:price|pricing|discount;security:soc 2|gdpr` → trackers; a malformed entry names itself. */
function parseTrackers(value: string, ctx: z.RefinementCtx): { name: string; terms: string[] }[] {
  const trackers: { name: string; terms: string[] }[] = [];
  for (const entry of value.split(";").map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf(":");
    const terms = at > 0 ? entry.slice(at + 1).split("|").map((t) => t.trim()).filter(Boolean) : [];
    if (at <= 0 || terms.length === 0) {
      ctx.addIssue({ code: "custom", message: `expected name:term|term;… (entry '${entry}')` });
      return [];
    }
    trackers.push({ name: entry.slice(0, at).trim(), terms });
  }
  return trackers;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    const secret = /TOKEN|SECRET|PASSWORD|KEY/i.test(name);
    throw new ConfigError(`${name}: ${issue.message}${got === undefined || secret ? "" : ` (got '${got}')`}`);
  }
  const e = parsed.data;
  const provider = e.LLM_PROVIDER === "auto" ? (e.OPENAI_API_KEY ? "openai" : "local") : e.LLM_PROVIDER;
  if ((provider === "openai" || e.KB_EMBEDDER === "openai") && !e.OPENAI_API_KEY) {
    throw new ConfigError("OPENAI_API_KEY: required when LLM_PROVIDER=openai or KB_EMBEDDER=openai");
  }
  return {
    server: {
      host: e.HOST,
      port: e.PORT,
      apiToken: e.SALESGRAPH_API_TOKEN,
      bodyLimitBytes: 32 * 1024,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      operatorLoopback: e.SALESGRAPH_OPERATOR_LOOPBACK,
      metricsToken: e.METRICS_TOKEN,
      trustProxy: e.TRUST_PROXY,
      httpRateLimitPerMinute: e.HTTP_RATE_LIMIT_PER_MINUTE,
      maxUrlBytes: e.HTTP_MAX_URL_BYTES,
      maxHeaderBytes: e.HTTP_MAX_HEADER_BYTES,
      turnLockTimeoutMs: e.TURN_LOCK_TIMEOUT_MS,
      handoffs: { maxOpenPerVisitor: e.HANDOFF_MAX_OPEN_PER_VISITOR, newPerMinute: e.HANDOFF_NEW_PER_MINUTE },
    },
    database: {
      url: e.DATABASE_URL,
      dataDir: path.resolve(e.SALESGRAPH_DATA_DIR),
      poolMax: e.DATABASE_POOL_MAX,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
    },
    llm: {
      provider, apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS,
      agent: { maxSteps: e.AGENT_MAX_STEPS, turnBudgetMs: e.AGENT_TURN_BUDGET_MS },
    },
    knowledge: { embedder: e.KB_EMBEDDER, embeddingModel: e.EMBEDDING_MODEL },
    logLevel: e.LOG_LEVEL,
    tenant: e.SALESGRAPH_TENANT,
    company: { name: e.COMPANY_NAME, supportEmail: e.SUPPORT_EMAIL, supportPhone: e.SUPPORT_PHONE },
    approvalRequired: e.APPROVAL_REQUIRED,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      apiUrl: e.SLACK_API_URL,
      allowedTeams: e.SLACK_ALLOWED_TEAMS,
      reps: e.SLACK_REPS,
      managers: e.SLACK_MANAGERS,
      handoffChannel: e.SLACK_HANDOFF_CHANNEL,
      approvalsChannel: e.SLACK_APPROVALS_CHANNEL,
    },
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
      allowedTenants: e.TEAMS_ALLOWED_TENANTS,
      reps: e.TEAMS_REPS,
      managers: e.TEAMS_MANAGERS,
      handoffConversation: e.TEAMS_HANDOFF_CONVERSATION,
      approvalsConversation: e.TEAMS_APPROVALS_CONVERSATION,
    },
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      fromNumber: e.TWILIO_FROM_NUMBER,
      apiUrl: e.TWILIO_API_URL,
      quietHours: parseQuietHours(e.SMS_QUIET_HOURS),
    },
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM ?? e.SUPPORT_EMAIL },
    transcripts: {
      reps: e.TRANSCRIPT_REPS,
      competitors: e.TRANSCRIPT_COMPETITORS,
      trackers: e.TRANSCRIPT_TRACKERS,
      transcriptionModel: e.TRANSCRIPTION_MODEL,
    },
    intel: {
      configFile: path.resolve(e.INTEL_CONFIG),
      battlecardsDir: e.INTEL_BATTLECARDS_DIR && path.resolve(e.INTEL_BATTLECARDS_DIR),
      userAgent: e.INTEL_USER_AGENT,
      timeoutMs: e.INTEL_FETCH_TIMEOUT_MS,
      maxBytes: e.INTEL_MAX_BYTES,
      fetchCron: e.INTEL_FETCH_CRON,
      digestCron: e.INTEL_DIGEST_CRON,
      digestSlackChannel: e.INTEL_DIGEST_SLACK_CHANNEL,
      digestTeamsConversation: e.INTEL_DIGEST_TEAMS_CONVERSATION,
    },
    marketing: { playbooksFile: path.resolve(e.MARKETING_PLAYBOOKS), alertsSlackChannel: e.MARKETING_ALERTS_SLACK_CHANNEL },
    router: { modelFile: e.ROUTER_MODEL ? path.resolve(e.ROUTER_MODEL) : undefined },
    repOwners: parseRepOwners(e.REP_OWNERS),
    jobs: {
      enabled: e.JOBS_ENABLED,
      inboundEventsRetentionDays: e.INBOUND_EVENTS_RETENTION_DAYS,
      conversationRetentionDays: e.CONVERSATION_RETENTION_DAYS,
      retrainCron: e.RETRAIN_CRON,
      kbCompactCron: e.KB_COMPACT_CRON,
    },
    dashboard: {
      adminPasswordHash: e.SALESGRAPH_ADMIN_PASSWORD && hashPassword(e.SALESGRAPH_ADMIN_PASSWORD),
      sessionSecret: e.DASHBOARD_SESSION_SECRET ?? (e.SALESGRAPH_ADMIN_PASSWORD && deriveSecret(e.SALESGRAPH_ADMIN_PASSWORD, "dashboard-session")),
      sessionHours: e.DASHBOARD_SESSION_HOURS,
      linkMinutes: e.DASHBOARD_LINK_MINUTES,
    },
    doctor: { botFrameworkTokenUrl: e.BOTFRAMEWORK_TOKEN_URL, modelMaxAgeDays: e.MODEL_MAX_AGE_DAYS },
    content: { brandVoice: e.CONTENT_BRAND_VOICE, bannedPhrases: e.CONTENT_BANNED_PHRASES, minSample: e.CONTENT_MIN_SAMPLE },
    telemetry: { enabled: e.OTEL_ENABLED, otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? "http://localhost:4318", serviceName: e.OTEL_SERVICE_NAME },
  };
}

function parseQuietHours(value: string): { start: number; end: number } {
  const [start, end] = value.split("-").map(Number);
  return { start: start!, end: end! };
}

/** REP_OWNERS: comma-separated `channel:user=Sales Agent` pairs; a malformed pair stops start-up naming it. */
export function parseRepOwners(value: string | undefined): Record<string, string> {
  const owners: Record<string, string> = {};
  for (const pair of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const user = pair.slice(0, at).trim();
    const agent = pair.slice(at + 1).trim();
    if (at < 0 || !/^(slack|teams|cli|web|sms|api):\S+$/.test(user) || !agent) {
      throw new ConfigError(`REP_OWNERS: "${pair}" is not channel:user=Sales Agent (e.g. slack:U0123=Anna Snelling)`);
    }
    owners[user] = agent;
  }
  return owners;
}
