import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { BadInputError } from "../../core/errors.js";
import { scoreTableToCsv } from "../../../tools/leads/batch.js";
import { LEAD_MODEL_KIND, trainDemoLeadModel } from "../../../tools/leads/crm-model.js";
import { CsvShapeError, parseCsv, type CsvTable } from "../../../tools/leads/csv.js";
import { formatTrainSummary } from "../../../tools/leads/report.js";
import { createLeadScorer, parseLeadModel } from "../../../tools/leads/scorer.js";
import { trainLeadModel } from "../../../tools/leads/trainer.js";
import { ENCODING_OPTION, readInputFile, type CliContext } from "./context.js";

function separator(value: string): string {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", pipe: "|" };
  const sep = named[value.toLowerCase()] ?? value;
  if (sep.length !== 1 || sep === '"' || sep === "\n" || sep === "\r") throw new InvalidArgumentError("must be one character, e.g. ';' or tab");
  return sep;
}

function columnList(value: string): string[] {
  const names = value.split(",").map((c) => c.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError("must name at least one column");
  return names;
}

function seedNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a non-negative integer");
  return n;
}

function readTable(file: string, sep?: string, encoding?: string): CsvTable {
  const text = readInputFile(file, encoding);
  if (text.trim() === "") throw new BadInputError(`${file} is empty`);
  try {
    const table = parseCsv(text, { separator: sep });
    if (table.rows.length === 0) throw new BadInputError(`${file} has a header but no rows`);
    return table;
  } catch (error) {
    if (error instanceof CsvShapeError) throw new BadInputError(`${file}: ${error.message}`);
    throw error;
  }
}

function writeOutput(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new BadInputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}`);
  }
}

/** leads train | score | train-crm. */
export function registerLeadsCommands(program: Command, ctx: CliContext): void {
  const leads = program.command("leads").description("lead scoring: train and score conversion models on CRM/marketing CSV exports");

  leads
    .command("train")
    .description("train a conversion model on a CSV export with a two-class target column")
    .requiredOption("--data <file>", "CSV file with one row per lead")
    .requiredOption("--target <column>", "the outcome column (0/1, yes/no, true/false, won/lost)")
    .option("--sep <char>", "field separator (default: detected from the header)", separator)
    .requiredOption("--out <file>", "where to write the model (JSON)")
    .option("--positive <value>", "the target value that means converted (default: 1/yes/true/won)")
    .option("--seed <n>", "seed of the hold-out split and cross-validation folds", seedNumber)
    .option("--no-trees", "logistic regression only (no boosted-trees challenger)")
    .option("--exclude <columns>", "leave these columns out (comma separated), e.g. post-contact fields that leak the outcome", columnList)
    .option("--include <columns>", "use only these columns (comma separated) besides the target", columnList)
    .option("--register", "also store the model in the database's models table (promote it with 'models promote')")
    .option(...ENCODING_OPTION)
    .action(async (opts: { data: string; target: string; sep?: string; out: string; positive?: string; seed?: number; trees: boolean; encoding?: string; exclude?: string[]; include?: string[]; register?: boolean }) => {
      const table = readTable(opts.data, opts.sep, opts.encoding);
      const { model, trainingMs } = trainLeadModel(table, {
        target: opts.target,
        positive: opts.positive,
        seed: opts.seed,
        trees: opts.trees ? undefined : false,
        exclude: opts.exclude,
        include: opts.include,
      });
      const hash = createHash("sha256");
      for (const row of [table.header, ...table.rows]) hash.update(`${row.join("\u001f")}\n`);
      model.dataHash = hash.digest("hex");
      writeOutput(opts.out, `${JSON.stringify(model, null, 1)}\n`);
      ctx.print(formatTrainSummary(model, trainingMs));
      ctx.print(`model written to ${opts.out}`);
      if (opts.register) {
        const { createModelsRepo } = await import("../../infra/postgres/models-repo.js");
        const db = await ctx.openMigratedDatabase();
        try {
          const id = await createModelsRepo(db.pool).register({
            kind: LEAD_MODEL_KIND,
            name: `leads ${path.basename(opts.data)} → ${opts.target}`,
            dataHash: model.dataHash,
            artefact: model,
            metrics: { auc: model.metrics.holdout.rocAuc, holdout: model.metrics.holdout, selection: model.metrics.selection },
          });
          ctx.print(`registered as model ${id} (kind ${LEAD_MODEL_KIND}); 'salesgraph models promote ${id}' makes chat score leads with it`);
        } finally {
          await db.close();
        }
      }
    });

  leads
    .command("score")
    .description("score every row of a CSV file; writes the input columns plus probability, lead_score, priority, top_factors")
    .requiredOption("--model <file>", "a model written by `leads train`")
    .requiredOption("--data <file>", "CSV file with the columns the model was trained on")
    .requiredOption("--out <file>", "where to write the scored CSV (comma separated)")
    .option("--sep <char>", "field separator of --data (default: detected from the header)", separator)
    .option(...ENCODING_OPTION)
    .action((opts: { model: string; data: string; out: string; sep?: string; encoding?: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(readInputFile(opts.model));
      } catch (error) {
        if (error instanceof BadInputError) throw error;
        throw new BadInputError(`${opts.model} is not JSON`);
      }
      const scorer = createLeadScorer(parseLeadModel(json, opts.model));
      const table = readTable(opts.data, opts.sep, opts.encoding);
      const result = scoreTableToCsv(scorer, table);
      writeOutput(opts.out, result.csv);
      ctx.print(`scored ${result.rows} rows into ${opts.out} (hot ${result.counts.hot}, warm ${result.counts.warm}, cold ${result.counts.cold})`);
    });

  leads
    .command("train-crm")
    .description("train on the CRM leads table (leads with a known outcome) and make it the model the assistant uses")
    .action(async () => {
      const db = await ctx.openMigratedDatabase();
      try {
        const { id, model, trainingMs } = await trainDemoLeadModel(db.pool);
        ctx.print(formatTrainSummary(model, trainingMs));
        ctx.print(`stored as ${id}`);
      } finally {
        await db.close();
      }
    });
}
