import { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { systemClock } from "../../core/clock.js";
import { parseCrmExport, type ExportKind } from "../../../tools/crm/import-csv.js";
import { importCrmExport } from "../../../tools/crm/import-crm.js";
import { ENCODING_OPTION, readInputFile, type CliContext } from "./context.js";

/** crm import. */
export function registerCrmCommands(program: Command, ctx: CliContext): void {
  const crm = program.command("crm").description("CRM data: import CSV exports");
  crm
    .command("import")
    .description(
      "import a CRM CSV export (columns as in Maven's sales_pipeline, accounts, products and sales_teams files); upserts by name and opportunity id, so re-running is safe",
    )
    .option("--accounts <file>", "accounts: account, sector, year_established, revenue, employees, office_location, subsidiary_of")
    .option("--deals <file>", "opportunities: opportunity_id, sales_agent, product, account, deal_stage, engage_date, close_date, close_value")
    .option("--teams <file>", "sales teams: sales_agent, manager, regional_office")
    .option("--products <file>", "products: product, series, sales_price")
    .option("--skip-orphans", "leave out deals with no account (by default they go under the placeholder account \"(unknown account)\")")
    .option(...ENCODING_OPTION)
    .action(async (opts: Partial<Record<ExportKind, string>> & { skipOrphans?: boolean } & { encoding?: string }) => {
      const kinds = (["teams", "products", "accounts", "deals"] as const).filter((k) => opts[k]);
      if (kinds.length === 0) throw new BadInputError("crm import: give at least one of --accounts, --deals, --teams, --products");
      const parts = Object.fromEntries(kinds.map((k) => [k, { file: opts[k]!, content: readInputFile(opts[k]!, opts.encoding) }]));
      const data = parseCrmExport(parts);
      const db = await ctx.openMigratedDatabase();
      try {
        const s = await importCrmExport(db.pool, data, { now: systemClock.now().getTime(), skipOrphans: opts.skipOrphans });
        const skipped = Object.entries(s.skipped).map(([why, n]) => `${n} deals skipped (${why}, --skip-orphans)`);
        if (s.placeholder) skipped.push(`${s.placeholder.deals} deals without an account filed under "${s.placeholder.account}" (--skip-orphans leaves them out)`);
        ctx.print(
          `imported ${s.reps} reps and managers, ${s.products} products, ${s.accounts} accounts, ${s.deals} deals (${s.stageHistory} stage-history rows)${skipped.length ? `; ${skipped.join(", ")}` : ""}`,
        );
      } finally {
        await db.close();
      }
    });
}
