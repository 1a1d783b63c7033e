import { Command } from "commander";
import YAML from "yaml";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { formatCampaignReport } from "../../../tools/campaigns/report.js";
import { CampaignSpec } from "../../../tools/campaigns/schema.js";
import { parsePlaybooks, PlaybookConfigError } from "../../../tools/playbooks/config.js";
import { dryRun } from "../../../tools/playbooks/runner.js";
import { EventStreamError, parseEventStream } from "../../../tools/playbooks/stream.js";
import { systemClock } from "../../core/clock.js";
import { BadInputError } from "../../core/errors.js";
import { createLogger } from "../../core/logger.js";
import { createMarketingRepo } from "../../infra/postgres/marketing-repo.js";
import { createOutreachRepo } from "../../infra/postgres/outreach-repo.js";
import { embedderFor } from "../container.js";
import { createContentWiring } from "../content-wiring.js";
import { createMarketingWiring, DEFAULT_PLAYBOOKS_FILE, type MarketingWiring } from "../marketing-wiring.js";
import { readInputFile, type CliContext } from "./context.js";

function parseSpec(file: string): CampaignSpec {
  let raw: unknown;
  try {
    raw = YAML.parse(readInputFile(file));
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw new BadInputError(`${file} is not YAML or JSON`);
  }
  const parsed = CampaignSpec.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInputError(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

function readPlaybooks(file: string) {
  try {
    return parsePlaybooks(readInputFile(file), file);
  } catch (error) {
    if (error instanceof PlaybookConfigError) throw new BadInputError(error.message);
    throw error;
  }
}

/** campaign plan | launch | report; playbooks check | dry-run. */
export function registerMarketingCommands(program: Command, ctx: CliContext): void {
  async function withMarketing<T>(fn: (m: MarketingWiring) => Promise<T>): Promise<T> {
    const cfg = ctx.config();
    const db = await ctx.openMigratedDatabase();
    try {
      const logger = createLogger({ level: "warn" });
      const kb = createKnowledgeBase({ pool: db.pool, dataDir: cfg.database.dataDir, embedder: embedderFor(cfg), logger });
      const content = createContentWiring({ config: cfg, pool: db.pool, clock: systemClock, logger, kb, crm: createOutreachRepo(db.pool) });
      return await fn(createMarketingWiring({ config: cfg, pool: db.pool, clock: systemClock, logger, kb, content: content.service }));
    } finally {
      await db.close();
    }
  }

  const campaign = program.command("campaign").description("multi-channel campaigns: plan a timeline within caps and consent, launch through approvals, report with attribution");

  campaign
    .command("plan")
    .description("build and store a campaign's timeline from a spec (YAML or JSON): audience, channels, sends per day")
    .requiredOption("--spec <file>", "campaign spec: id, name, objective, segments, channels, start, days, frequencyCap")
    .option("--json", "print the plan as JSON")
    .action(async (opts: { spec: string; json?: boolean }) => {
      const spec = parseSpec(opts.spec);
      const plan = await withMarketing((m) => m.campaigns.plan(spec));
      if (opts.json) return ctx.print(JSON.stringify(plan, null, 2));
      ctx.print(`Campaign ${spec.id} planned: ${plan.accounts} accounts, ${plan.contacts} contacts, ${plan.sends.length} sends (${Object.entries(plan.byChannel).map(([c, n]) => `${c} ${n}`).join(", ")})`);
      const reasons = new Map<string, number>();
      for (const s of plan.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
      if (reasons.size) ctx.print(`Skipped: ${[...reasons].map(([r, n]) => `${r} ×${n}`).join("; ")}`);
      const days = new Map<number, number>();
      for (const s of plan.sends) days.set(s.day, (days.get(s.day) ?? 0) + 1);
      ctx.print(`Timeline: ${[...days].sort((a, b) => a[0] - b[0]).map(([d, n]) => `day ${d}: ${n}`).join(", ")}`);
      ctx.print(`Launch with: salesgraph campaign launch ${spec.id}`);
    });

  campaign
    .command("launch")
    .argument("<id>", "a planned campaign's id")
    .description("queue the campaign's sends (contact messages wait for approval when APPROVAL_REQUIRED), post rep alerts, create tasks")
    .action(async (id: string) => {
      const r = await withMarketing((m) => m.campaigns.launch(id));
      ctx.print(`Campaign ${id} launched: ${r.queued} messages queued (${r.pendingApproval} waiting for approval: GET /api/marketing/sends?status=pending_approval), ${r.alerts} rep alerts, ${r.tasks} outreach tasks`);
      ctx.print(`Content: ${r.contentSource.join("; ") || "none"}`);
    });

  campaign
    .command("report")
    .argument("<id>", "a campaign's id")
    .description("sends and outcomes by channel, conversions, and cross-channel attribution (position-based vs Markov)")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const r = await withMarketing((m) => m.campaigns.report(id));
      ctx.print(opts.json ? JSON.stringify(r, null, 2) : formatCampaignReport(r));
    });

  const playbooks = program.command("playbooks").description("event-driven playbooks: validate the rules and dry-run them on a recorded event stream");

  playbooks
    .command("check")
    .description("validate the playbooks file and list its rules with their versions")
    .option("--config <file>", `playbooks YAML (default: MARKETING_PLAYBOOKS, else ${DEFAULT_PLAYBOOKS_FILE})`)
    .action((opts: { config?: string }) => {
      const file = opts.config ?? ctx.config().marketing.playbooksFile;
      const { config, hash } = readPlaybooks(file);
      ctx.print(`${file}: ${config.playbooks.length} playbooks (hash ${hash})`);
      for (const p of config.playbooks) ctx.print(`- ${p.id} v${p.version}${p.enabled ? "" : " (disabled)"}: on ${p.trigger.event} → ${p.actions.map((a) => a.type).join(", ")}`);
    });

  playbooks
    .command("dry-run")
    .description("show which playbooks would fire on a recorded event stream (JSON Lines), without writing anything")
    .requiredOption("--events <file>", "recorded events, one JSON object per line")
    .option("--config <file>", `playbooks YAML (default: MARKETING_PLAYBOOKS, else ${DEFAULT_PLAYBOOKS_FILE})`)
    .option("--offline", "do not read consent and segments from the database")
    .option("--json", "print JSON")
    .action(async (opts: { events: string; config?: string; offline?: boolean; json?: boolean }) => {
      const { config } = readPlaybooks(opts.config ?? ctx.config().marketing.playbooksFile);
      let events;
      try {
        events = parseEventStream(readInputFile(opts.events));
      } catch (error) {
        if (error instanceof EventStreamError) throw new BadInputError(`${opts.events}: ${error.message}`);
        throw error;
      }
      let lines;
      if (opts.offline) lines = await dryRun(config, events);
      else {
        const db = await ctx.openMigratedDatabase();
        try {
          const crm = createMarketingRepo(db.pool);
          lines = await dryRun(config, events, { consentWithdrawn: (id) => crm.consentWithdrawn(id), segmentOf: (id) => crm.segmentLabelOf(id) });
        } finally {
          await db.close();
        }
      }
      if (opts.json) return ctx.print(JSON.stringify(lines, null, 2));
      for (const l of lines) ctx.print(`${l.eventId} ${l.type}: ${l.playbookId} v${l.version} ${l.decision}${l.reason ? ` — ${l.reason}` : ""}${l.actions.length ? ` → ${l.actions.join(", ")}` : ""}`);
      ctx.print(`${lines.filter((l) => l.decision === "would fire").length} firings, ${lines.filter((l) => l.decision !== "would fire").length} held back, ${events.length} events`);
    });
}
