import fs from "node:fs";
import readline from "node:readline";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createIntentRouter } from "../../agents/routing/intent-router.js";
import { trainRouterModel } from "../../agents/routing/router-model.js";
import { ROLES, type Role } from "../core/domain.js";
import { loadConfig, type Config } from "../core/config.js";
import { AppError, BadInputError, ConfigError } from "../core/errors.js";
import { createLogger } from "../core/logger.js";
import { migrate } from "../infra/postgres/migrate.js";
import { openDatabase } from "../infra/postgres/pool.js";
import { createLlmProvider } from "../llm/index.js";
import { isSeeded, seedDemoData } from "../demo/seed.js";
import { createContainer } from "./container.js";
import { parseRouteLines } from "./route-input.js";
import { startServer } from "./server.js";

/** Exit codes (DESIGN.md): 0 success, 1 runtime failure, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be an integer 0..65535");
  return n;
}

async function openMigrated(config: Config) {
  const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolMax: config.database.poolMax });
  await migrate(db.pool);
  return db;
}

export function buildProgram(io: { env: Record<string, string | undefined>; stdout: NodeJS.WritableStream; stdin: NodeJS.ReadableStream }) {
  const config = () => loadConfig(io.env);
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const program = new Command("salesgraph")
    .description("Salesgraph: a self-hostable AI agent platform for marketing and sales")
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => io.stdout.write(s) });

  program
    .command("serve")
    .description("run the HTTP server with every channel mounted")
    .option("--port <n>", "port to listen on (default: PORT or 3000)", portNumber)
    .option("--host <host>", "address to bind (default: HOST or 127.0.0.1)")
    .option("--no-demo", "do not load the demo data into an empty database")
    .action(async (opts: { port?: number; host?: string; demo: boolean }) => {
      const cfg = config();
      const container = await createContainer(cfg);
      if (opts.demo && !(await isSeeded(container.db.pool))) {
        const result = await seedDemoData(container.db.pool);
        container.logger.info({ counts: result.counts }, "loaded demo data into the empty database");
      }
      const running = await startServer(container, { port: opts.port ?? cfg.server.port, host: opts.host ?? cfg.server.host });
      container.logger.info({ port: running.port, database: container.db.kind, llm: container.llm.kind }, "listening");
      print(`salesgraph listening on http://${opts.host ?? cfg.server.host}:${running.port} (database: ${container.db.kind}, llm: ${container.llm.kind})`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          container.logger.info({ signal }, "shutting down");
          void running.shutdown().then(resolve);
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
      });
    });

  program
    .command("migrate")
    .description("apply database migrations")
    .action(async () => {
      const db = await openMigrated(config());
      await db.close();
      print("migrations applied");
    });

  program
    .command("seed")
    .description("load the demo data into the database (idempotent)")
    .action(async () => {
      const db = await openMigrated(config());
      try {
        const result = await seedDemoData(db.pool);
        print(
          result.inserted
            ? `demo data loaded: ${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`
            : "demo data already present; nothing changed",
        );
      } finally {
        await db.close();
      }
    });

  program
    .command("chat")
    .description("talk to the assistant in the terminal, through the same graph")
    .addOption(new Option("--role <role>", "who you are").choices(ROLES).default("rep"))
    .option("--conversation <id>", "continue an earlier terminal conversation")
    .action(async (opts: { role: Role; conversation?: string }) => {
      const cfg = config();
      const container = await createContainer(cfg, { logger: createLogger({ level: "warn" }) });
      const conversationId = opts.conversation ?? `cli-${Date.now().toString(36)}`;
      const actor = { id: `cli:${io.env.USER ?? "operator"}`, role: opts.role, tenant: cfg.tenant };
      print(`conversation ${conversationId} as ${opts.role} — type a message, Ctrl-D to end`);
      const lines = readline.createInterface({ input: io.stdin, terminal: false });
      try {
        for await (const line of lines) {
          const text = line.trim();
          if (!text) continue;
          const replies = await container.handler({ channel: "cli", conversationId, actor, text });
          for (const r of replies) print(`[${r.intent}] ${r.text}`);
          if (replies.length === 0) print("(no reply: this conversation has opted out)");
        }
      } finally {
        await container.close();
      }
    });

  program
    .command("route")
    .description("print each JSONL line {text, channel, role} with the routed intent added")
    .requiredOption("--in <file>", "JSONL input file ('-' for standard input)")
    .action(async (opts: { in: string }) => {
      const source = opts.in === "-" ? fs.readFileSync(0, "utf8") : readInput(opts.in);
      const items = parseRouteLines(source);
      const cfg = config();
      const llm = createLlmProvider(cfg.llm, createLogger({ level: "warn" }));
      const router = createIntentRouter({ classifier: trainRouterModel(), llm: llm.kind === "openai" ? llm : undefined });
      for (const item of items) {
        const decision = await router.route({ text: item.text, channel: item.channel, role: item.role });
        print(JSON.stringify({ ...item.raw, intent: decision.intent }));
      }
    });

  return program;
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

/** Runs the CLI and returns the exit code; every failure is one line on stderr. */
export async function main(
  argv: string[],
  io = { env: process.env, stdout: process.stdout, stdin: process.stdin } as {
    env: Record<string, string | undefined>;
    stdout: NodeJS.WritableStream;
    stdin: NodeJS.ReadableStream;
  },
): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; commander already printed usage problems
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof BadInputError || (error instanceof AppError && error.status < 500)) {
      process.stderr.write(`salesgraph: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`salesgraph: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.failure;
  }
}

