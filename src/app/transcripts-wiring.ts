import type pg from "pg";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import { createTranscriptsRepo } from "../infra/postgres/transcripts-repo.js";
import type { LlmProvider } from "../llm/provider.js";
import { createTranscriptService, type TranscriptService } from "../../tools/transcripts/service.js";
import { transcriberFor, type Transcriber } from "../../tools/transcripts/transcribe.js";

export interface TranscriptWiring {
  service: TranscriptService;
  /** Audio to transcript; throws a ConfigError naming what to set when no endpoint is configured. */
  transcriber(): Transcriber;
}

/** Call intelligence over the CRM: the service the tool, the API and the CLI share. */
export function createTranscriptWiring(config: Config, pool: pg.Pool, clock: Clock, llm: LlmProvider): TranscriptWiring {
  const service = createTranscriptService({
    settings: { company: config.company.name, reps: config.transcripts.reps, competitors: config.transcripts.competitors, trackers: config.transcripts.trackers },
    clock,
    store: createTranscriptsRepo(pool),
    chatModel: llm.chatModel,
    timeoutMs: config.llm.timeoutMs,
  });
  return { service, transcriber: () => transcriberFor(config.llm, config.transcripts.transcriptionModel) };
}
