import fs from "node:fs";
import { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { ClvModelFile, fitClv, parseHorizon, predictClv } from "../../../tools/clv/model.js";
import { dayNumber } from "../../../tools/clv/rfm.js";
import { formatFitReport, predictionsToCsv, summarisePredictions } from "../../../tools/clv/report.js";
import { readTransactions, TransactionsError } from "../../../tools/clv/transactions-csv.js";
import { readInputFile, type CliContext } from "./context.js";

function writeFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new BadInputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? "unwritable"}`);
  }
}

function transactionsFrom(file: string, columns: { customer: string; date: string; value: string }) {
  const text = readInputFile(file);
  if (text.trim() === "") throw new BadInputError(`${file} is empty`);
  try {
    return readTransactions(text, columns);
  } catch (error) {
    if (error instanceof TransactionsError) throw new BadInputError(`${file}: ${error.message}`);
    throw error;
  }
}

/** clv fit | predict: BG/NBD + Gamma-Gamma customer lifetime value on a transactions CSV. */
export function registerClvCommands(program: Command, ctx: CliContext): void {
  const clv = program.command("clv").description("customer lifetime value: BG/NBD repeat purchases and Gamma-Gamma spend, fitted by maximum likelihood");

  clv
    .command("fit")
    .description("fit BG/NBD and Gamma-Gamma on the transactions up to the calibration end")
    .requiredOption("--transactions <file>", "CSV with one row per purchase")
    .requiredOption("--customer <column>", "customer id column")
    .requiredOption("--date <column>", "purchase date column (YYYY-MM-DD)")
    .requiredOption("--value <column>", "purchase value column")
    .requiredOption("--calibration-end <date>", "last day of the calibration period (YYYY-MM-DD)")
    .requiredOption("--out <file>", "where to write the model (JSON)")
    .option("--compare-cdnow", "print the published CDNOW parameters beside the fitted ones")
    .action((opts: { transactions: string; customer: string; date: string; value: string; calibrationEnd: string; out: string; compareCdnow?: boolean }) => {
      if (dayNumber(opts.calibrationEnd) === undefined) throw new BadInputError(`--calibration-end '${opts.calibrationEnd}' is not a date (YYYY-MM-DD)`);
      const columns = { customer: opts.customer, date: opts.date, value: opts.value };
      const tx = transactionsFrom(opts.transactions, columns);
      let model: ClvModelFile;
      try {
        model = fitClv(tx, opts.calibrationEnd, columns);
      } catch (error) {
        if (error instanceof RangeError) throw new BadInputError(error.message);
        throw error;
      }
      writeFile(opts.out, JSON.stringify(model, null, 2) + "\n");
      ctx.print(formatFitReport(model, { compare: opts.compareCdnow }));
      ctx.print(`model written to ${opts.out}`);
    });

  clv
    .command("predict")
    .description("expected purchases, P(alive) and expected value per customer over a horizon after the calibration end")
    .requiredOption("--model <file>", "model written by `clv fit`")
    .requiredOption("--transactions <file>", "CSV with one row per purchase (same columns as at fit)")
    .requiredOption("--horizon <span>", "how far ahead: 39w, 273d, 9m, 1y")
    .requiredOption("--out <file>", "CSV to write: customer_id, expected_purchases, p_alive, expected_value")
    .action((opts: { model: string; transactions: string; horizon: string; out: string }) => {
      const weeks = parseHorizon(opts.horizon);
      if (weeks === undefined) throw new BadInputError(`--horizon '${opts.horizon}' is not a span like 39w, 273d, 9m or 1y`);
      let raw: unknown;
      try {
        raw = JSON.parse(readInputFile(opts.model));
      } catch (error) {
        if (error instanceof BadInputError) throw error;
        throw new BadInputError(`${opts.model} is not JSON`);
      }
      const parsed = ClvModelFile.safeParse(raw);
      if (!parsed.success) throw new BadInputError(`${opts.model} is not a CLV model written by \`salesgraph clv fit\``);
      const tx = transactionsFrom(opts.transactions, parsed.data.columns);
      const predictions = predictClv(parsed.data, tx, weeks);
      if (predictions.length === 0) throw new BadInputError(`no customer in ${opts.transactions} bought on or before ${parsed.data.calibrationEnd}`);
      writeFile(opts.out, predictionsToCsv(predictions));
      ctx.print(summarisePredictions(predictions, weeks));
      ctx.print(`predictions written to ${opts.out}`);
    });
}
