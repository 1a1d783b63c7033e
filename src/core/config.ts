import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

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

const EnvSchema = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SALESGRAPH_DATA_DIR: z.string().default(".salesgraph"),
  SALESGRAPH_TENANT: z.string().min(1).default("demo"),
  SALESGRAPH_API_TOKEN: optionalString,
  LLM_PROVIDER: z.enum(["auto", "local", "openai"]).default("auto"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_MODEL: z.string().min(1).default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  COMPANY_NAME: z.string().min(1).default("Helix Data"),
  SUPPORT_EMAIL: z.email().default("support@helixdata.example"),
  SUPPORT_PHONE: z.string().min(3).default("+1 415 555 0100"),
  APPROVAL_REQUIRED: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
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
  };
  database: { url?: string; dataDir: string; poolMax: number };
  llm: { provider: "local" | "openai"; apiKey?: string; baseUrl?: string; model: string; timeoutMs: number };
  logLevel: string;
  tenant: string;
  company: { name: string; supportEmail: string; supportPhone: string };
  approvalRequired: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    throw new ConfigError(`${name}: ${issue.message}${got === undefined ? "" : ` (got '${got}')`}`);
  }
  const e = parsed.data;
  const provider = e.LLM_PROVIDER === "auto" ? (e.OPENAI_API_KEY ? "openai" : "local") : e.LLM_PROVIDER;
  if (provider === "openai" && !e.OPENAI_API_KEY) {
    throw new ConfigError("OPENAI_API_KEY: required when LLM_PROVIDER=openai");
  }
  return {
    server: {
      host: e.HOST,
      port: e.PORT,
      apiToken: e.SALESGRAPH_API_TOKEN,
      bodyLimitBytes: 32 * 1024,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    database: { url: e.DATABASE_URL, dataDir: path.resolve(e.SALESGRAPH_DATA_DIR), poolMax: e.DATABASE_POOL_MAX },
    llm: { provider, apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    tenant: e.SALESGRAPH_TENANT,
    company: { name: e.COMPANY_NAME, supportEmail: e.SUPPORT_EMAIL, supportPhone: e.SUPPORT_PHONE },
    approvalRequired: e.APPROVAL_REQUIRED,
  };
}
