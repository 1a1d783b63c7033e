import { Command, CommanderError } from "commander";
import { AppError, BadInputError, ConfigError } from "../../core/errors.js";
import { COMMAND_GROUPS, commandWord, groupOf } from "./command-groups.js";
import type { CliIo } from "./context.js";
import { packageVersion } from "./package-info.js";

/** Exit codes (DESIGN.md): 0 success, 1 runtime failure, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function baseProgram(io: CliIo): Command {
  return new Command("salesgraph")
    .description("Salesgraph: a self-hostable AI agent platform for marketing and sales")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => io.stdout.write(s) });
}

/**
 * The program for one command line: the named command's module is loaded and registered, every other
 * command is a name and a description only (so `--help` and typos cost no imports). `load: "all"` registers
 * every module (tests that inspect the whole CLI).
 */
export async function buildProgram(io: CliIo, args: readonly string[] = [], load: "named" | "all" = "named"): Promise<Command> {
  const program = baseProgram(io);
  const named = load === "all" ? undefined : groupOf(commandWord(args));
  const needed = load === "all" ? COMMAND_GROUPS : named ? [named] : [];
  const registers = await Promise.all(needed.map((g) => g.load()));
  const context = needed.length ? (await import("./context.js")).createCliContext(io) : undefined;
  for (const group of COMMAND_GROUPS) {
    const index = needed.indexOf(group);
    if (index >= 0) registers[index]!(program, context!);
    else for (const [name, description] of Object.entries(group.commands)) program.command(name).description(description);
  }
  return program;
}

/** Runs the CLI and returns the exit code; every failure is one line on stderr. */
export async function main(argv: string[], io: CliIo = { env: process.env, stdout: process.stdout, stdin: process.stdin }): Promise<number> {
  try {
    const program = await buildProgram(io, argv.slice(2));
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; commander has already printed the usage problem
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof BadInputError || (error instanceof AppError && error.status < 500)) {
      // one line whatever the input held (a CSV column name may contain a line break)
      process.stderr.write(`salesgraph: ${error.message.replace(/\r\n|\r|\n/g, "\\n")}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`salesgraph: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    return EXIT.failure;
  }
}

function oneLine(text: string): string {
  return text.split("\n")[0]!.slice(0, 500);
}
