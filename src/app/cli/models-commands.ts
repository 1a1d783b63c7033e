import type { Command } from "commander";
import { NotFoundError } from "../../core/errors.js";
import type { CliContext } from "./context.js";

/** `models list|promote|rollback` over the models table. */
export function registerModelsCommands(program: Command, ctx: CliContext): void {
  const { print } = ctx;
  const models = program.command("models").description("trained models in the database: list, promote, roll back");

  async function withRepo<T>(work: (repo: import("../../infra/postgres/models-repo.js").ModelsRepo) => Promise<T>): Promise<T> {
    const { createModelsRepo } = await import("../../infra/postgres/models-repo.js");
    const db = await ctx.openMigratedDatabase();
    try {
      return await work(createModelsRepo(db.pool));
    } finally {
      await db.close();
    }
  }

  models
    .command("list")
    .description("every stored model, newest first per kind; * marks the one in use")
    .option("--kind <kind>", "only this kind (lead-conversion, router, deal-close, ...)")
    .option("--json", "print JSON")
    .action(async (opts: { kind?: string; json?: boolean }) => {
      const rows = await withRepo((repo) => repo.list(opts.kind));
      if (opts.json) return print(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return print("no models stored yet (train one: leads train --register, route train --register, pipeline train)");
      for (const m of rows) {
        const hash = m.dataHash ? ` data ${m.dataHash.slice(0, 12)}` : "";
        const promoted = m.promotedAt ? ` promoted ${m.promotedAt.toISOString()}` : "";
        print(`${m.inUse ? "*" : " "} ${m.kind.padEnd(18)} ${m.id.padEnd(34)} ${m.trainedAt.toISOString()}${hash}${promoted}  ${m.name}  ${headline(m.metrics)}`);
      }
    });

  models
    .command("promote")
    .description("put a stored model in use for its kind (chat and lead_insight use it from the next question)")
    .argument("<id>", "model id, as 'models list' shows it")
    .action(async (id: string) => {
      const kind = await withRepo((repo) => repo.promote(id));
      if (!kind) throw new NotFoundError(`no model with id ${id} (see 'salesgraph models list')`);
      print(`model ${id} is now the ${kind} model in use`);
    });

  models
    .command("rollback")
    .description("undo the last promotion of a kind: the model in use before it comes back")
    .argument("<kind>", "model kind, as 'models list' shows it")
    .action(async (kind: string) => {
      const result = await withRepo((repo) => repo.rollback(kind));
      if (!result) throw new NotFoundError(`no promotion of kind ${kind} to roll back`);
      print(`rolled back ${result.undone}; ${kind} now uses ${result.now ?? "no stored model"}`);
    });
}

/** One headline figure from whatever metrics a kind stores. */
function headline(metrics: unknown): string {
  if (typeof metrics !== "object" || metrics === null) return "";
  const m = metrics as Record<string, unknown>;
  const pick = (key: string) => (typeof m[key] === "number" ? `${key} ${(m[key] as number).toFixed(3)}` : undefined);
  const validation = m.validation as Record<string, unknown> | undefined;
  return (
    pick("auc") ?? pick("rocAuc") ?? pick("holdoutAuc") ?? (typeof validation?.accuracy === "number" ? `validation accuracy ${validation.accuracy.toFixed(3)}` : "")
  );
}
