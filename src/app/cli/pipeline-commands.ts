import { Command, InvalidArgumentError } from "commander";
import { systemClock } from "../../core/clock.js";
import { BadInputError } from "../../core/errors.js";
import { formatPrediction, formatReview } from "../../../tools/pipeline/format.js";
import { createPipelineService, type PipelineService } from "../../../tools/pipeline/service.js";
import { formatTrainMetrics } from "../../../tools/pipeline/train-report.js";
import type { CliContext } from "./context.js";

export function asOfDate(value: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError("must be a date, e.g. 2026-10-31");
  return ms;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

async function withService<T>(ctx: CliContext, fn: (service: PipelineService) => Promise<T>): Promise<T> {
  const db = await ctx.openMigratedDatabase();
  try {
    return await fn(createPipelineService({ pool: db.pool, clock: systemClock }));
  } finally {
    await db.close();
  }
}

interface ScopeOptions {
  region?: string;
  manager?: string;
  rep?: string;
}

async function scopeOf(service: PipelineService, opts: ScopeOptions) {
  const scope: ScopeOptions = {};
  for (const kind of ["region", "manager", "rep"] as const) {
    const value = opts[kind];
    if (!value) continue;
    const resolved = await service.resolveName(kind, value);
    if (!resolved) throw new BadInputError(`unknown ${kind} "${value}"`);
    scope[kind] = resolved;
  }
  return scope;
}

/** pipeline train | report | predict. */
export function registerPipelineCommands(program: Command, ctx: CliContext): void {
  const pipeline = program.command("pipeline").description("deal close-probability model, pipeline health and forecast");

  pipeline
    .command("train")
    .description("fit the close-probability model on the closed (won/lost) deals in the CRM and store it (models kind deal-close)")
    .option("--as-of <date>", "use only outcomes known by this date", asOfDate)
    .option("--json", "print the metrics as JSON")
    .action(async (opts: { asOf?: number; json?: boolean }) => {
      await withService(ctx, async (service) => {
        const loaded = await service.load(opts.asOf);
        const trained = await service.train(loaded);
        if (opts.json) ctx.print(JSON.stringify({ id: trained.id, metrics: trained.metrics }, null, 2));
        else {
          ctx.print(formatTrainMetrics(trained.metrics!, { asOf: trained.model.asOf, snapshot: loaded.snapshot }));
          ctx.print(`stored as ${trained.id}`);
        }
      });
    });

  pipeline
    .command("report")
    .description("pipeline health: weighted pipeline, stages, velocity, at-risk deals and a Monte-Carlo forecast")
    .option("--period <period>", "forecast period: this month, next quarter, 2026-Q4, 2026-12 … (default: this quarter)")
    .option("--region <name>", "only this region")
    .option("--manager <name>", "only this manager's team")
    .option("--rep <name>", "only this rep")
    .option("--as-of <date>", "report as of this date (default: now, or the newest record of an exported CRM)", asOfDate)
    .option("--seed <n>", "seed of the forecast simulation", positiveInt, 1)
    .option("--simulations <n>", "forecast simulations", positiveInt, 5000)
    .option("--limit <n>", "at-risk and slipping deals listed", positiveInt, 10)
    .option("--json", "print the report as JSON")
    .action(async (opts: ScopeOptions & { period?: string; asOf?: number; seed: number; simulations: number; limit: number; json?: boolean }) => {
      await withService(ctx, async (service) => {
        const review = await service.review({
          period: opts.period,
          scope: await scopeOf(service, opts),
          asOf: opts.asOf,
          seed: opts.seed,
          iterations: opts.simulations,
          listLimit: opts.limit,
        });
        ctx.print(opts.json ? JSON.stringify(review, null, 2) : formatReview(review));
      });
    });

  pipeline
    .command("predict")
    .description("per open deal: close probability, predicted close date and size, risks with reasons, next best actions")
    .option("--account <name>", "only this account's deals (fuzzy match)")
    .option("--period <period>", "add each deal's chance to close won within this period")
    .option("--region <name>", "only this region")
    .option("--manager <name>", "only this manager's team")
    .option("--rep <name>", "only this rep")
    .option("--as-of <date>", "predict as of this date", asOfDate)
    .option("--limit <n>", "deals printed, largest first", positiveInt)
    .option("--json", "print the predictions as JSON")
    .action(async (opts: ScopeOptions & { account?: string; period?: string; asOf?: number; limit?: number; json?: boolean }) => {
      await withService(ctx, async (service) => {
        const result = await service.predict({ query: opts.account, period: opts.period, scope: await scopeOf(service, opts), asOf: opts.asOf, limit: opts.limit });
        if (opts.account && result.accounts.length === 0) throw new BadInputError(`no account matches "${opts.account}"`);
        if (opts.json) {
          ctx.print(JSON.stringify(result, null, 2));
          return;
        }
        ctx.print(`${result.totalMatched} open deals as of ${result.asOf.slice(0, 10)}${result.deals.length < result.totalMatched ? ` (largest ${result.deals.length} shown)` : ""}; model ${result.model.id}${result.model.holdoutAuc !== null ? `, hold-out AUC ${result.model.holdoutAuc.toFixed(2)}` : ""}.`);
        for (const p of result.deals) ctx.print(formatPrediction(p));
      });
    });
}
