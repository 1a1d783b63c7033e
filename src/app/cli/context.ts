import fs from "node:fs";
import { InvalidArgumentError } from "commander";
import { loadConfig, type Config } from "../../core/config.js";
import { BadInputError } from "../../core/errors.js";
import { decodeText } from "../../core/text-decoding.js";
import type { Database } from "../../infra/postgres/pool.js";

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** What every command group gets: configuration on demand, output, and a migrated database. */
export interface CliContext {
  io: CliIo;
  config(): Config;
  print(line: string): void;
  openMigratedDatabase(): Promise<Database>;
}

export function createCliContext(io: CliIo): CliContext {
  const config = () => loadConfig(io.env);
  return {
    io,
    config,
    print: (line) => io.stdout.write(`${line}\n`),
    async openMigratedDatabase() {
      const cfg = config();
      // loaded here, not at the top: commands that never open the database start without the drivers
      const [{ openDatabase }, { migrate }] = await Promise.all([import("../../infra/postgres/pool.js"), import("../../infra/postgres/migrate.js")]);
      const db = await openDatabase({ url: cfg.database.url, dataDir: cfg.database.dataDir, poolMax: cfg.database.poolMax });
      await migrate(db.pool);
      return db;
    },
  };
}

/**
 * Reads a file named on the command line; an unreadable file is bad input (exit 2), not a crash. Text that
 * is not UTF-8 (or UTF-16 with a byte-order mark) needs `encoding` (`--encoding`), else exit 2 naming the line.
 */
export function readInputFile(file: string, encoding?: string): string {
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (error) {
    throw new BadInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  return decodeText(bytes, { name: file === "-" ? "stdin" : file, encoding });
}

/** `--encoding` for commands that read text files. */
export const ENCODING_OPTION = ["--encoding <label>", "the input files' encoding when not UTF-8 (windows-1252, latin1, utf-16le…)"] as const;

export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be an integer 0..65535");
  return n;
}
