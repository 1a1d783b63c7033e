import readline from "node:readline";
import { Command, Option } from "commander";
import { ROLES, type Role } from "../../core/domain.js";
import { cleanInboundText } from "../../core/inbound-text.js";
import { createLogger } from "../../core/logger.js";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { isSeeded } from "../../demo/seed.js";
import { createContainer, embedderFor } from "../container.js";
import { loadDemo } from "../demo.js";
import { startServer } from "../server.js";
import { startupFacts, startupLine } from "../startup-line.js";
import { portNumber, type CliContext } from "./context.js";

/** serve, migrate, seed, chat. */
export function registerCoreCommands(program: Command, ctx: CliContext): void {
  const { config, print, io } = ctx;
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
        const result = await loadDemo(container.db.pool, container.kb);
        container.logger.info({ counts: result.crm.counts }, "loaded demo data into the empty database");
      }
      const running = await startServer(container, { port: opts.port ?? cfg.server.port, host: opts.host ?? cfg.server.host });
      const facts = startupFacts(container, running, opts.host ?? cfg.server.host);
      container.logger.info({ ...facts, port: running.port }, "listening");
      print(startupLine(facts));
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
      const db = await ctx.openMigratedDatabase();
      await db.close();
      print("migrations applied");
    });

  program
    .command("seed")
    .description("load the demo data into the database (idempotent)")
    .action(async () => {
      const cfg = config();
      const db = await ctx.openMigratedDatabase();
      try {
        const kb = createKnowledgeBase({ pool: db.pool, dataDir: cfg.database.dataDir, embedder: embedderFor(cfg) });
        print((await loadDemo(db.pool, kb)).summary);
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
          const clean = cleanInboundText(line);
          if (!clean.ok) {
            print(`(not sent: ${clean.reason})`);
            continue;
          }
          const text = clean.text.trim();
          if (!text) continue;
          const replies = await container.handler({ channel: "cli", conversationId, actor, text });
          for (const r of replies) print(`[${r.intent}] ${r.text}`);
          if (replies.length === 0) print("(no reply: this conversation has opted out)");
        }
      } finally {
        await container.close();
      }
    });
}
