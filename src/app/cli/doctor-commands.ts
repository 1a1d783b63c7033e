import type { Command } from "commander";
import { loadConfig } from "../../core/config.js";
import { AppError } from "../../core/errors.js";
import { openDatabase } from "../../infra/postgres/pool.js";
import { checkDatabase, checkSlack, checkTeams, checkTwilio, formatChecks, type Check } from "../doctor.js";
import type { CliContext } from "./context.js";


/** `salesgraph doctor`: config, database and migrations, channel credentials, models, knowledge index, queue. Exit 0/1. */
export function registerDoctorCommands(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description("check configuration, database, channel credentials, models, knowledge index and job queue; print what to fix")
    .action(async () => {
      const checks: Check[] = [];
      let config;
      try {
        config = loadConfig(ctx.io.env);
        checks.push({ name: "config", status: "ok", detail: "every variable parses" });
      } catch (error) {
        checks.push({ name: "config", status: "fail", detail: (error as Error).message, fix: "Fix that variable (see .env.example)." });
      }
      if (config) {
        try {
          const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolMax: 2 });
          try {
            checks.push({ name: "database", status: "ok", detail: db.kind });
            checks.push(...(await checkDatabase(db.pool, new Date(), config)));
          } finally {
            await db.close();
          }
        } catch (error) {
          checks.push({ name: "database", status: "fail", detail: (error as Error).message, fix: "Check DATABASE_URL (or SALESGRAPH_DATA_DIR for the embedded database)." });
        }
        for (const c of await Promise.all([checkSlack(config), checkTwilio(config), checkTeams(config)])) if (c) checks.push(c);
      }
      for (const line of formatChecks(checks)) ctx.print(line);
      const failed = checks.filter((c) => c.status === "fail").length;
      ctx.print(failed ? `${failed} check(s) failed` : "all checks passed");
      if (failed) throw new AppError(`doctor: ${failed} check(s) failed`, 500, "doctor_failed");
    });
}
