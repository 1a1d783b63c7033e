import type pg from "pg";
import type { Config } from "../core/config.js";
import { queueStats } from "../infra/jobs/queue-health.js";
import { listMigrations } from "../infra/postgres/migrate.js";

/**
 * `salesgraph doctor`: each check says ok, warn or fail and, when not ok, what to do. Channel credentials are
 * tried against the platform (Slack auth.test, Twilio account fetch, Bot Framework token) at the configured
 * base URLs, so tests point them at local fakes.
 */
export interface Check {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  fix?: string;
}

type Fetch = typeof fetch;
const TIMEOUT_MS = 8_000;

async function request(fetcher: Fetch, url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetcher(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

export async function checkSlack(config: Config, fetcher: Fetch = fetch): Promise<Check | undefined> {
  if (!config.slack.botToken) return undefined;
  try {
    const url = new URL("auth.test", config.slack.apiUrl.endsWith("/") ? config.slack.apiUrl : `${config.slack.apiUrl}/`).toString();
    const { body } = await request(fetcher, url, { method: "POST", headers: { authorization: `Bearer ${config.slack.botToken}`, "content-type": "application/x-www-form-urlencoded" } });
    if (body?.ok) return { name: "slack", status: "ok", detail: `auth.test: bot ${body.user_id ?? "?"} in workspace ${body.team_id ?? "?"}` };
    const error = String(body?.error ?? "no answer");
    return {
      name: "slack",
      status: "fail",
      detail: `auth.test refused SLACK_BOT_TOKEN: ${error}`,
      fix: /invalid_auth|not_authed|token_revoked|account_inactive/.test(error)
        ? "Reinstall the app to the workspace (api.slack.com/apps → your app → Install App) and set SLACK_BOT_TOKEN to the new Bot User OAuth Token (xoxb-…)."
        : "Check SLACK_BOT_TOKEN and SLACK_API_URL.",
    };
  } catch (error) {
    return { name: "slack", status: "fail", detail: `cannot reach ${config.slack.apiUrl}: ${(error as Error).message}`, fix: "Check network access to Slack (or SLACK_API_URL)." };
  }
}

export async function checkTwilio(config: Config, fetcher: Fetch = fetch): Promise<Check | undefined> {
  const { accountSid, authToken, apiUrl } = config.twilio;
  if (!accountSid && !authToken) return undefined;
  if (!accountSid || !authToken) return { name: "twilio", status: "fail", detail: "only one of TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN is set", fix: "Set both (Twilio Console → Account Info)." };
  const base = apiUrl ?? "https://api.twilio.com";
  try {
    const { status, body } = await request(fetcher, new URL(`/2010-04-01/Accounts/${accountSid}.json`, base).toString(), {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` },
    });
    if (status === 200) return { name: "twilio", status: "ok", detail: `account ${accountSid} is ${body?.status ?? "reachable"}` };
    return { name: "twilio", status: "fail", detail: `account fetch answered ${status}${body?.message ? ` (${body.message})` : ""}`, fix: status === 401 ? "TWILIO_AUTH_TOKEN does not match TWILIO_ACCOUNT_SID: copy both again from the Twilio Console." : "Check TWILIO_ACCOUNT_SID and TWILIO_API_URL." };
  } catch (error) {
    return { name: "twilio", status: "fail", detail: `cannot reach ${base}: ${(error as Error).message}`, fix: "Check network access to Twilio (or TWILIO_API_URL)." };
  }
}

export async function checkTeams(config: Config, fetcher: Fetch = fetch): Promise<Check | undefined> {
  const { appId, appPassword } = config.teams;
  if (!appId) return undefined;
  if (!appPassword) return { name: "teams", status: "fail", detail: "MicrosoftAppId is set without MicrosoftAppPassword", fix: "Set MicrosoftAppPassword to a client secret of the bot's app registration." };
  const url = config.teams.tenantId ? config.doctor.botFrameworkTokenUrl.replace("botframework.com", config.teams.tenantId) : config.doctor.botFrameworkTokenUrl;
  try {
    const { status, body } = await request(fetcher, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: appId, client_secret: appPassword, scope: "https://api.botframework.com/.default" }),
    });
    if (status === 200 && body?.access_token) return { name: "teams", status: "ok", detail: "Bot Framework token issued" };
    return { name: "teams", status: "fail", detail: `token request answered ${status}${body?.error ? ` (${body.error})` : ""}`, fix: "Check MicrosoftAppId / MicrosoftAppPassword (a current client secret) and, for single-tenant bots, MicrosoftAppTenantId." };
  } catch (error) {
    return { name: "teams", status: "fail", detail: `cannot reach ${url}: ${(error as Error).message}`, fix: "Check network access to login.microsoftonline.com (or BOTFRAMEWORK_TOKEN_URL)." };
  }
}

export async function checkDatabase(pool: pg.Pool, now: Date, config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  const applied = new Set((await pool.query<{ id: string }>("select id from schema_migrations").catch(() => ({ rows: [] as { id: string }[] }))).rows.map((r) => r.id));
  const missing = listMigrations().filter((m) => !applied.has(m.id)).map((m) => m.id);
  checks.push(missing.length ? { name: "migrations", status: "fail", detail: `${missing.length} not applied: ${missing.join(", ")}`, fix: "Run `salesgraph migrate` (serve also applies them at start)." } : { name: "migrations", status: "ok", detail: `${applied.size} applied` });
  const models = await pool.query<{ kind: string; trained_at: Date }>("select kind, max(trained_at) as trained_at from models where kind in ('lead-score', 'deal-close') group by kind").catch(() => ({ rows: [] as { kind: string; trained_at: Date }[] }));
  for (const kind of ["lead-score", "deal-close"]) {
    const row = models.rows.find((r) => r.kind === kind);
    const ageDays = row ? (now.getTime() - row.trained_at.getTime()) / 86_400_000 : undefined;
    if (ageDays === undefined) checks.push({ name: `model ${kind}`, status: "warn", detail: "none trained yet", fix: `Train it: \`salesgraph ${kind === "lead-score" ? "leads" : "pipeline"} train\` (or let the nightly retraining job run).` });
    else if (ageDays > config.doctor.modelMaxAgeDays) checks.push({ name: `model ${kind}`, status: "warn", detail: `trained ${Math.round(ageDays)} days ago (over MODEL_MAX_AGE_DAYS=${config.doctor.modelMaxAgeDays})`, fix: "Check the retrain job runs (JOBS_ENABLED, RETRAIN_CRON) or retrain by hand." });
    else checks.push({ name: `model ${kind}`, status: "ok", detail: `trained ${ageDays.toFixed(1)} days ago` });
  }
  const kb = await pool.query<{ n: number }>("select count(*)::int as n from kb_chunks").catch(() => ({ rows: [{ n: 0 }] }));
  checks.push(kb.rows[0]!.n > 0 ? { name: "knowledge index", status: "ok", detail: `${kb.rows[0]!.n} chunks` } : { name: "knowledge index", status: "warn", detail: "empty: prospects' questions get no grounded answers", fix: "Run `salesgraph kb ingest DIR` (or `salesgraph seed` for the demo)." });
  const queues = await queueStats(pool, now).catch(() => undefined);
  if (!queues) checks.push({ name: "job queue", status: config.jobs.enabled ? "warn" : "ok", detail: "not started in this database yet", ...(config.jobs.enabled ? { fix: "Start `salesgraph serve` once (it creates the queue)." } : {}) });
  else {
    const failed = queues.filter((q) => q.failed24h > 0);
    const stuck = queues.filter((q) => (q.oldestWaitingSeconds ?? 0) > 3600);
    checks.push(
      failed.length || stuck.length
        ? { name: "job queue", status: "warn", detail: [...failed.map((q) => `${q.name}: ${q.failed24h} failed in 24 h`), ...stuck.map((q) => `${q.name}: oldest job waiting ${Math.round(q.oldestWaitingSeconds! / 60)} min`)].join("; "), fix: "Read the serve logs for the job's error; waiting jobs need a process with JOBS_ENABLED=true." }
        : { name: "job queue", status: "ok", detail: `${queues.length} queues, nothing failed in 24 h` },
    );
  }
  return checks;
}

export function formatChecks(checks: readonly Check[]): string[] {
  const mark = { ok: "ok  ", warn: "WARN", fail: "FAIL" } as const;
  return checks.flatMap((c) => [`${mark[c.status]} ${c.name}: ${c.detail}`, ...(c.fix && c.status !== "ok" ? [`     fix: ${c.fix}`] : [])]);
}
