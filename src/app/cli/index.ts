import { Command, CommanderError } from "commander";
import { AppError, BadInputError, ConfigError } from "../../core/errors.js";
import { createCliContext, type CliIo } from "./context.js";
import { registerContentCommands } from "./content-commands.js";
import { registerCoreCommands } from "./core-commands.js";
import { registerCrmCommands } from "./crm-commands.js";
import { registerIntelCommands } from "./intel-commands.js";
import { registerKbCommands } from "./kb-commands.js";
import { registerLeadsCommands } from "./leads-commands.js";
import { registerPipelineCommands } from "./pipeline-commands.js";
import { registerSegmentsCommands } from "./segments-commands.js";
import { registerTranscriptCommands } from "./transcript-commands.js";

/** Exit codes (DESIGN.md): 0 success, 1 runtime failure, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(io: CliIo): Command {
  const context = createCliContext(io);
  const program = new Command("salesgraph")
    .description("Salesgraph: a self-hostable AI agent platform for marketing and sales")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => io.stdout.write(s) });
  registerCoreCommands(program, context);
  registerCrmCommands(program, context);
  registerPipelineCommands(program, context);
  registerSegmentsCommands(program, context);
  registerKbCommands(program, context);
  registerLeadsCommands(program, context);
  registerTranscriptCommands(program, context);
  registerContentCommands(program, context);
  registerIntelCommands(program, context);
  return program;
}

/** Runs the CLI and returns the exit code; every failure is one line on stderr. */
export async function main(argv: string[], io: CliIo = { env: process.env, stdout: process.stdout, stdin: process.stdin }): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; commander has already printed the usage problem
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof BadInputError || (error instanceof AppError && error.status < 500)) {
      process.stderr.write(`salesgraph: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`salesgraph: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    return EXIT.failure;
  }
}

function oneLine(text: string): string {
  return text.split("\n")[0]!.slice(0, 500);
}
