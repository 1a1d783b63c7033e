import fs from "node:fs";
import path from "node:path";
import { Command, Option } from "commander";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { fitPriorFromCampaign, PriorDataError } from "../../../tools/content/prior-fit.js";
import { formatReport } from "../../../tools/content/report.js";
import { ContentEventInput, GenerateContentInput } from "../../../tools/content/schema.js";
import type { GenerateResult } from "../../../tools/content/service.js";
import { systemClock } from "../../core/clock.js";
import { CONTENT_CHANNELS, CONTENT_EVENT_TYPES } from "../../core/content.js";
import { BadInputError } from "../../core/errors.js";
import { createLogger } from "../../core/logger.js";
import { createModelsRepo } from "../../infra/postgres/models-repo.js";
import { createOutreachRepo } from "../../infra/postgres/outreach-repo.js";
import type { Database } from "../../infra/postgres/pool.js";
import { createLlmProvider } from "../../llm/index.js";
import { CONTENT_PRIOR_KIND, createContentWiring, type ContentWiring } from "../content-wiring.js";
import { embedderFor } from "../container.js";
import type { CliContext } from "./context.js";
import { readInputFile } from "./context.js";

export const DEFAULT_PRIOR_DATA = "../shared/data/marketing-campaign/marketing_campaign.train.csv";

function formatGenerated(r: GenerateResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`Experiment ${r.experimentId} — ${r.segment}, ${r.channel}: ${r.objective} (${r.writer} writer; predictions: ${r.prior.basis})`];
  for (const v of r.variants) {
    lines.push("", `${v.label} · ${v.angle} · predicted ${v.predicted.metric} rate ${pct(v.predicted.value)} (95% ${pct(v.predicted.low)}–${pct(v.predicted.high)})  [${v.id}]`);
    if (v.subject) lines.push(`Subject: ${v.subject}`);
    lines.push(v.text);
    if (v.sources.length) lines.push(`Sources: ${v.sources.map((s) => `[${s.n}] ${s.ref}`).join("; ")}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join("\n");
}

/** content generate | event | report | allocate | prior. */
export function registerContentCommands(program: Command, ctx: CliContext): void {
  const content = program.command("content").description("campaign content in three variants, predicted performance, and A/B experiments");

  async function withContent<T>(fn: (content: ContentWiring, db: Database) => Promise<T>, options: { llm?: boolean } = {}): Promise<T> {
    const cfg = ctx.config();
    const db = await ctx.openMigratedDatabase();
    try {
      const logger = createLogger({ level: "warn" });
      const kb = createKnowledgeBase({ pool: db.pool, dataDir: cfg.database.dataDir, embedder: embedderFor(cfg), logger });
      const llm = options.llm && cfg.llm.provider === "openai" ? createLlmProvider(cfg.llm, logger) : undefined;
      return await fn(createContentWiring({ config: cfg, pool: db.pool, clock: systemClock, logger, llm, kb, crm: createOutreachRepo(db.pool) }), db);
    } finally {
      await db.close();
    }
  }

  content
    .command("generate")
    .description("write three variants (value / proof / urgency or question) for a segment and channel, with predicted rates; stored as an experiment")
    .requiredOption("--segment <name>", "segment name, e.g. 'Enterprise prospects'")
    .addOption(new Option("--channel <channel>", "where the copy goes").choices(CONTENT_CHANNELS).makeOptionMandatory())
    .requiredOption("--objective <text>", "what the copy should achieve, e.g. 'invite them to the Q1 webinar'")
    .option("--offer <text>", "an offer or deadline it may promise")
    .option("--fact <text...>", "extra facts it may use (cited)")
    .option("--deal <id-or-name>", "for --channel follow_up: the deal")
    .option("--json", "print JSON")
    .action(async (opts: { segment: string; channel: string; objective: string; offer?: string; fact?: string[]; deal?: string; json?: boolean }) => {
      const parsed = GenerateContentInput.safeParse({ segment: opts.segment, channel: opts.channel, objective: opts.objective, offer: opts.offer, facts: opts.fact, deal: opts.deal });
      if (!parsed.success) throw new BadInputError(`${parsed.error.issues[0]!.path.join(".") || "input"}: ${parsed.error.issues[0]!.message}`);
      const result = await withContent((c) => c.service.generate(parsed.data, `cli:${ctx.io.env.USER ?? "operator"}`), { llm: true });
      ctx.print(opts.json ? JSON.stringify(result, null, 2) : formatGenerated(result));
    });

  content
    .command("event [variantId]")
    .description("record an outcome event of a variant (idempotent by event id), or many from --file events.jsonl")
    .addOption(new Option("--type <type>", "what happened").choices(CONTENT_EVENT_TYPES))
    .option("--event-id <id>", "unique id of the event (repeats are ignored)")
    .option("--recipient <id>", "who it happened to")
    .option("--file <events.jsonl>", "lines of {variantId, type, eventId, recipient?}")
    .action(async (variantId: string | undefined, opts: { type?: string; eventId?: string; recipient?: string; file?: string }) => {
      const events: { variantId: string; event: ContentEventInput }[] = [];
      const parse = (v: unknown, where: string) => {
        const r = ContentEventInput.safeParse(v);
        if (!r.success) throw new BadInputError(`${where}: ${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`);
        return r.data;
      };
      if (opts.file) {
        readInputFile(opts.file).split("\n").forEach((line, i) => {
          if (!line.trim()) return;
          let row: any;
          try {
            row = JSON.parse(line);
          } catch {
            throw new BadInputError(`${opts.file}:${i + 1}: not JSON`);
          }
          if (typeof row.variantId !== "string") throw new BadInputError(`${opts.file}:${i + 1}: variantId is required`);
          events.push({ variantId: row.variantId, event: parse(row, `${opts.file}:${i + 1}`) });
        });
      } else {
        if (!variantId) throw new BadInputError("give the variant id (exp_…-A) or --file");
        events.push({ variantId, event: parse({ type: opts.type, eventId: opts.eventId, recipient: opts.recipient }, "event") });
      }
      const tally = { recorded: 0, duplicate: 0, conflict: 0, not_found: 0 };
      await withContent(async (c) => {
        for (const e of events) {
          const r = await c.service.recordEvent(e.variantId, e.event);
          tally[r.status] += 1;
          if (r.status === "not_found" && events.length === 1) throw new BadInputError(`no variant ${e.variantId}`);
          if (r.status === "conflict" && events.length === 1) throw new BadInputError(r.detail);
        }
      });
      ctx.print(`${tally.recorded} recorded, ${tally.duplicate} duplicate${tally.conflict ? `, ${tally.conflict} conflicting` : ""}${tally.not_found ? `, ${tally.not_found} for unknown variants` : ""}`);
    });

  content
    .command("report <experimentId>")
    .description("rates with 95% intervals per variant, significance (z-test with Holm correction, or Bayesian), winner only when significant after the minimum sample")
    .addOption(new Option("--method <method>", "decision rule").choices(["z", "bayes"]).default("z"))
    .option("--json", "print JSON")
    .action(async (experimentId: string, opts: { method: "z" | "bayes"; json?: boolean }) => {
      const out = await withContent(async (c) => {
        const exists = await c.store.experiment(experimentId);
        if (!exists) throw new BadInputError(`no experiment ${experimentId}`);
        return c.service.report(experimentId, opts.method);
      });
      ctx.print(opts.json ? JSON.stringify(out, null, 2) : formatReport(experimentId, out.report));
    });

  content
    .command("allocate <experimentId>")
    .description("the variant Thompson sampling picks for the next send")
    .action(async (experimentId: string) => {
      const v = await withContent(async (c) => {
        if (!(await c.store.experiment(experimentId))) throw new BadInputError(`no experiment ${experimentId}`);
        return c.service.allocate(experimentId);
      });
      ctx.print(`${v.id} (${v.angle})`);
    });

  content
    .command("prior")
    .description("fit segment response lifts from the marketing-campaign data and store them as the prediction prior")
    .option("--data <file.csv>", "marketing_campaign CSV", DEFAULT_PRIOR_DATA)
    .option("--json", "print JSON")
    .action(async (opts: { data: string; json?: boolean }) => {
      const file = path.resolve(opts.data);
      if (!fs.existsSync(file)) {
        ctx.print(`marketing-campaign data not found at ${file}; skipped — predictions keep the built-in prior`);
        return;
      }
      let fit;
      try {
        fit = fitPriorFromCampaign(fs.readFileSync(file, "utf8"), path.basename(file));
      } catch (error) {
        if (error instanceof PriorDataError) throw new BadInputError(`${file}: ${error.message}`);
        throw error;
      }
      const db = await ctx.openMigratedDatabase();
      try {
        await createModelsRepo(db.pool).save({ id: `${CONTENT_PRIOR_KIND}-latest`, kind: CONTENT_PRIOR_KIND, name: "content prior", artefact: fit.prior, metrics: { holdoutAuc: fit.holdoutAuc, trainRows: fit.trainRows, testRows: fit.testRows } });
      } finally {
        await db.close();
      }
      if (opts.json) ctx.print(JSON.stringify({ holdoutAuc: fit.holdoutAuc, trainRows: fit.trainRows, testRows: fit.testRows, prior: fit.prior }, null, 2));
      else {
        ctx.print(`fitted prior on ${fit.prior.fitted!.rows} customers (response rate ${(fit.prior.fitted!.overallRate * 100).toFixed(1)}%); held-out AUC of the segment lifts ${fit.holdoutAuc} (${fit.testRows} rows)`);
        for (const [label, s] of Object.entries(fit.prior.fitted!.segments)) ctx.print(`  ${label}: ${s.n} customers, response ${(s.rate * 100).toFixed(1)}%, lift ${fit.prior.segmentLifts[label]!.toFixed(3)} log-odds`);
      }
    });
}
