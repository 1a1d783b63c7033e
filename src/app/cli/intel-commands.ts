import { Command, Option } from "commander";
import { renderBattlecard } from "../../../tools/intel/battlecards.js";
import { parseSince, renderDigest } from "../../../tools/intel/digest.js";
import { createIntelService } from "../../../tools/intel/service.js";
import { validateSourceUrl } from "../../../tools/intel/sources-config.js";
import { guessKind } from "../../../tools/intel/watcher.js";
import { systemClock } from "../../core/clock.js";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import { INTEL_SOURCE_KINDS, type IntelSourceKind } from "../../core/intel.js";
import { createLogger } from "../../core/logger.js";
import { createIntelRepo } from "../../infra/postgres/intel-repo.js";
import { createLlmProvider } from "../../llm/index.js";
import type { CliContext } from "./context.js";

/** intel source add|list|remove, intel fetch, intel digest, intel battlecard. */
export function registerIntelCommands(program: Command, ctx: CliContext): void {
  const { config, print } = ctx;
  const intel = program.command("intel").description("competitive intelligence: watched sources, fetches, digests, battlecards");

  async function withIntel<T>(fn: (service: ReturnType<typeof createIntelService>) => Promise<T>): Promise<T> {
    const cfg = config();
    const logger = createLogger({ level: "warn" });
    const db = await ctx.openMigratedDatabase();
    try {
      const llm = createLlmProvider(cfg.llm, logger);
      const service = createIntelService({
        store: createIntelRepo(db.pool),
        clock: systemClock,
        logger,
        policy: { userAgent: cfg.intel.userAgent, timeoutMs: cfg.intel.timeoutMs, maxBytes: cfg.intel.maxBytes },
        battlecardsDir: cfg.intel.battlecardsDir,
        writer: { kind: llm.kind, phrase: (r) => llm.phrase(r) },
        configFile: cfg.intel.configFile,
      });
      return await fn(service);
    } finally {
      await db.close();
    }
  }

  const source = intel.command("source").description("the pages, feeds and files watched per competitor");
  source
    .command("add")
    .description("watch a page, feed or local file/folder for a competitor")
    .requiredOption("--competitor <name>", "the competitor, e.g. Qlik")
    .requiredOption("--url <url>", "http(s) URL, or a path / file: URL for --kind file")
    .addOption(new Option("--kind <kind>", "page, feed or file (default: guessed from the URL)").choices(INTEL_SOURCE_KINDS))
    .action(async (opts: { competitor: string; url: string; kind?: IntelSourceKind }) => {
      const competitor = opts.competitor.trim();
      if (!competitor) throw new BadInputError("--competitor: must not be empty");
      const kind = opts.kind ?? guessKind(opts.url);
      validateSourceUrl(opts.url, kind);
      const added = await withIntel((s) => s.store.addSource({ competitor, url: opts.url, kind }));
      print(`${added.id}\t${added.competitor}\t${added.kind}\t${added.url}`);
    });

  source
    .command("list")
    .description("the watched sources and how their last fetch went")
    .option("--competitor <name>", "only this competitor")
    .option("--json", "print JSON")
    .action(async (opts: { competitor?: string; json?: boolean }) => {
      const sources = await withIntel(async (s) => {
        await s.syncConfig();
        return s.store.listSources({ competitor: opts.competitor });
      });
      if (opts.json) return print(JSON.stringify(sources, null, 2));
      if (sources.length === 0) return print("no sources: add one with `salesgraph intel source add --competitor NAME --url URL`");
      for (const s of sources) {
        const last = s.lastCheckedAt ? `${s.lastStatus} ${s.lastCheckedAt.toISOString()}${s.lastError ? ` (${s.lastError})` : ""}` : "never fetched";
        print(`${s.id}\t${s.competitor}\t${s.kind}\t${s.url}\t${s.origin}\t${last}`);
      }
    });

  source
    .command("remove")
    .description("stop watching a source (by id, or by --competitor and --url)")
    .argument("[id]", "source id from `intel source list`")
    .option("--competitor <name>")
    .option("--url <url>")
    .action(async (id: string | undefined, opts: { competitor?: string; url?: string }) => {
      if (!id && !(opts.competitor && opts.url)) throw new BadInputError("give a source id, or --competitor and --url");
      const removed = await withIntel((s) => s.store.removeSource(id ? { id } : { competitor: opts.competitor!, url: opts.url! }));
      if (!removed) throw new NotFoundError(`no such source: ${id ?? `${opts.competitor} ${opts.url}`}`);
      print(`removed ${id ?? opts.url}`);
    });

  intel
    .command("fetch")
    .description("fetch every watched source now and record what changed")
    .option("--competitor <name>", "only this competitor")
    .option("--json", "print JSON")
    .action(async (opts: { competitor?: string; json?: boolean }) => {
      const reports = await withIntel(async (s) => {
        await s.syncConfig();
        return s.watcher.fetchAll({ competitor: opts.competitor });
      });
      if (opts.json) print(JSON.stringify(reports, null, 2));
      else for (const r of reports) print(`${r.status}\t${r.competitor}\t${r.url}\t${r.changes} change(s)${r.error ? `\t${r.error}` : ""}\t${r.ms} ms`);
      if (reports.length > 0 && reports.every((r) => r.status === "failed" || r.status === "blocked")) {
        throw new Error(`every source failed (${reports.length})`);
      }
    });

  intel
    .command("digest")
    .description("what competitors changed: per competitor the changes with links, why they matter, a talk track")
    .option("--since <duration>", "how far back: 7d, 24h, 2w", "7d")
    .option("--competitor <name>", "only this competitor")
    .option("--json", "print JSON (prices as numbers)")
    .action(async (opts: { since: string; competitor?: string; json?: boolean }) => {
      parseSince(opts.since);
      const digest = await withIntel((s) => s.digests.digest({ since: opts.since, competitor: opts.competitor }));
      print(opts.json ? JSON.stringify(digest, null, 2) : renderDigest(digest));
    });

  intel
    .command("battlecard")
    .description("the battlecard against a competitor (Markdown in the knowledge base, versioned)")
    .argument("<competitor>")
    .option("--json", "print JSON")
    .option("--versions", "list the stored versions")
    .action(async (competitor: string, opts: { json?: boolean; versions?: boolean }) => {
      const result = await withIntel(async (s) => {
        const card = await s.battlecards.get(competitor);
        return { card, versions: card && opts.versions ? await s.store.battlecardVersions(card.competitor) : undefined, list: await s.battlecards.list() };
      });
      if (!result.card) throw new NotFoundError(`no battlecard for ${competitor} (there are: ${result.list.join(", ") || "none"})`);
      if (opts.versions) {
        for (const v of result.versions ?? []) print(`v${v.version}\t${v.createdAt.toISOString()}\t${v.contentHash.slice(0, 12)}\t${v.source}`);
        return;
      }
      print(opts.json ? JSON.stringify(result.card, null, 2) : renderBattlecard(result.card));
    });
}
