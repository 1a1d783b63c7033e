import fs from "node:fs";
import { Command } from "commander";
import { systemClock } from "../../core/clock.js";
import type { Config } from "../../core/config.js";
import { BadInputError } from "../../core/errors.js";
import { createTranscriptsRepo } from "../../infra/postgres/transcripts-repo.js";
import { createLlmProvider } from "../../llm/index.js";
import { renderAnalysis } from "../../../tools/transcripts/report.js";
import { createTranscriptService, type AnalyzeRequest } from "../../../tools/transcripts/service.js";
import { isAudioFile, transcriberFor } from "../../../tools/transcripts/transcribe.js";
import { ENCODING_OPTION, readInputFile, type CliContext } from "./context.js";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function readAudio(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new BadInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

export function transcriptSettings(config: Config) {
  return { company: config.company.name, reps: config.transcripts.reps, competitors: config.transcripts.competitors, trackers: config.transcripts.trackers };
}

/** transcript analyze. */
export function registerTranscriptCommands(program: Command, ctx: CliContext): void {
  const transcript = program.command("transcript").description("call intelligence: analyse sales-call transcripts");
  transcript
    .command("analyze")
    .description("talk share, monologues, questions, objections with quotes, next steps, coaching and deal outlook for one call (text, WebVTT, SRT, JSON or audio)")
    .argument("<file>", "the transcript ('-' reads stdin); audio (.mp3, .wav, .m4a…) is transcribed through the configured endpoint")
    .option("--rep <name>", "a seller on the call, by name or e-mail (repeat for several)", collect)
    .option("--deal <id>", "log the call on this CRM deal (opens the database)")
    .option("--json", "print the analysis as one JSON object")
    .option(...ENCODING_OPTION)
    .action(async (file: string, opts: { rep?: string[]; deal?: string; json?: boolean; encoding?: string }) => {
      const config = ctx.config();
      const request: AnalyzeRequest = { text: "", filename: file, reps: opts.rep, dealId: opts.deal, source: "cli", log: opts.deal !== undefined };
      if (file !== "-" && isAudioFile(file)) {
        const transcribe = transcriberFor(config.llm, config.transcripts.transcriptionModel);
        const heard = await transcribe({ data: readAudio(file), filename: file });
        request.transcript = heard.transcript;
        request.text = heard.text;
      } else {
        request.text = readInputFile(file, opts.encoding);
      }
      const llm = config.llm.provider === "openai" ? createLlmProvider(config.llm) : undefined;
      const db = opts.deal ? await ctx.openMigratedDatabase() : undefined;
      try {
        const service = createTranscriptService({
          settings: transcriptSettings(config),
          clock: systemClock,
          store: db ? createTranscriptsRepo(db.pool) : undefined,
          chatModel: llm?.chatModel,
          timeoutMs: config.llm.timeoutMs,
        });
        const { analysis, logged } = await service.analyze(request);
        ctx.print(opts.json ? JSON.stringify(logged ? { ...analysis, logged } : analysis) : renderAnalysis(analysis, logged));
      } finally {
        await db?.close();
      }
    });
}
