import { Command } from "commander";
import { systemClock } from "../../core/clock.js";
import { BadInputError } from "../../core/errors.js";
import { formatAccountView, formatOverview, overviewOf } from "../../../tools/segments/format.js";
import { createSegmentsService } from "../../../tools/segments/service.js";
import type { CliContext } from "./context.js";
import { asOfDate, positiveInt } from "./pipeline-commands.js";

/** segments build | show. */
export function registerSegmentsCommands(program: Command, ctx: CliContext): void {
  const segments = program.command("segments").description("account segmentation: k-means over RFM, firmographic and engagement features");

  segments
    .command("build")
    .description("cluster the accounts, store the segments and every account's membership; labels carry over from the previous build")
    .option("--k <n>", "number of segments (default: chosen by silhouette, then kept across rebuilds)", positiveInt)
    .option("--choose-k", "choose k by silhouette again instead of keeping the previous build's")
    .option("--as-of <date>", "features as of this date", asOfDate)
    .option("--json", "print the result as JSON")
    .action(async (opts: { k?: number; chooseK?: boolean; asOf?: number; json?: boolean }) => {
      if (opts.k === 1) throw new BadInputError("--k must be at least 2");
      const db = await ctx.openMigratedDatabase();
      try {
        const seg = await createSegmentsService({ pool: db.pool, clock: systemClock }).build({ k: opts.k, chooseK: opts.chooseK, asOf: opts.asOf });
        if (opts.json) ctx.print(JSON.stringify({ model: { ...seg.model, scaler: undefined }, profiles: seg.profiles, memberships: seg.memberships.length }, null, 2));
        else {
          ctx.print(formatOverview(overviewOf(seg)));
          ctx.print(`stored run ${seg.model.runId}: ${seg.profiles.length} segments, ${seg.memberships.length} memberships`);
        }
      } finally {
        await db.close();
      }
    });

  segments
    .command("show")
    .description("print the latest segments' profiles, or with --account the account's segment and migration risk")
    .option("--account <name>", "an account name (fuzzy match)")
    .option("--json", "print JSON")
    .action(async (opts: { account?: string; json?: boolean }) => {
      const db = await ctx.openMigratedDatabase();
      try {
        const service = createSegmentsService({ pool: db.pool, clock: systemClock, buildIfMissing: false });
        const overview = await service.overview();
        if (!overview) throw new BadInputError("no segments built yet: run `salesgraph segments build`");
        if (!opts.account) {
          ctx.print(opts.json ? JSON.stringify(overview, null, 2) : formatOverview(overview));
          return;
        }
        const found = await service.lookup(opts.account);
        if (found.accounts.length === 0) throw new BadInputError(`no account matches "${opts.account}"`);
        ctx.print(opts.json ? JSON.stringify(found.accounts, null, 2) : found.accounts.map(formatAccountView).join("\n\n"));
      } finally {
        await db.close();
      }
    });
}
