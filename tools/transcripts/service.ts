import { randomUUID } from "node:crypto";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { CallDeal, CallLogResult, CallLogStore } from "../../src/core/call-log.js";
import type { Clock } from "../../src/core/clock.js";
import { BadInputError, NotFoundError } from "../../src/core/errors.js";
import { matchNames } from "../crm/name-match.js";
import { analyzeTranscript, type TranscriptAnalysis } from "./analyze.js";
import { createLlmExtractor } from "./extract-llm.js";
import { parseTranscript } from "./parse.js";
import { labelMatches, UnknownRepError } from "./sides.js";
import type { Tracker } from "./metrics.js";
import type { Transcript } from "./types.js";

export interface TranscriptSettings {
  company: string;
  reps: string[];
  competitors: string[];
  trackers: Tracker[];
}

export interface TranscriptServiceDeps {
  settings: TranscriptSettings;
  clock: Clock;
  /** The CRM; without it nothing is logged and CRM users are not consulted. */
  store?: CallLogStore;
  /** A chat model for structured extraction; local patterns otherwise. */
  chatModel?: BaseChatModel;
  timeoutMs?: number;
  newId?: () => string;
}

export interface AnalyzeRequest {
  text: string;
  filename?: string;
  /** Already parsed (audio transcription); `text` is then the transcript as text for storage. */
  transcript?: Transcript;
  reps?: string[];
  dealId?: string;
  title?: string;
  source: "slack" | "teams" | "api" | "cli" | "chat";
  /** Store and log in the CRM (default true when a store is present). */
  log?: boolean;
}

export interface LoggedCall extends CallLogResult {
  dealName: string | null;
  accountName: string | null;
  nextStep: string | null;
}

export interface AnalyzeResult {
  analysis: TranscriptAnalysis;
  logged: LoggedCall | null;
}

/** Parse → analyse → match the deal → log. The one path the CLI, the API, the tool and the graph node share. */
export function createTranscriptService(deps: TranscriptServiceDeps) {
  const newId = deps.newId ?? (() => `tr-${randomUUID()}`);
  const extract = deps.chatModel ? createLlmExtractor(deps.chatModel, { timeoutMs: deps.timeoutMs }) : undefined;

  async function findDeal(request: AnalyzeRequest, text: string): Promise<{ deal?: CallDeal; account?: { id: string; name: string } }> {
    if (!deps.store) return {};
    if (request.dealId) {
      const deal = await deps.store.dealById(request.dealId);
      if (!deal) throw new NotFoundError(`no deal with id ${request.dealId}`);
      return { deal };
    }
    const accounts = await deps.store.accountNames();
    const matched = matchNames(`${request.title ?? ""}\n${text}`, accounts.map((a) => a.name));
    const account = matched[0] && accounts.find((a) => a.name === matched[0]!.name);
    if (!account) return {};
    const [deal] = await deps.store.openDealsOf(account.id);
    return deal ? { deal } : { account };
  }

  return {
    async analyze(request: AnalyzeRequest): Promise<AnalyzeResult> {
      const transcript = request.transcript ?? parseTranscript(request.text, { filename: request.filename });
      const users = deps.store && !request.reps?.length ? await deps.store.crmUsers() : [];
      let analysis: TranscriptAnalysis;
      try {
        analysis = await analyzeTranscript(transcript, {
          rep: { explicit: request.reps, configured: deps.settings.reps, crmUsers: users.flatMap((u) => [u.name]) },
          company: deps.settings.company,
          trackers: deps.settings.trackers,
          competitors: deps.settings.competitors,
          extract,
        });
      } catch (error) {
        if (error instanceof UnknownRepError) throw new BadInputError(error.message);
        throw error;
      }
      if (!deps.store || request.log === false) return { analysis, logged: null };

      const { deal, account } = await findDeal(request, request.text);
      const repUser = users.find((u) => analysis.rep.speakers.some((s) => labelMatches(s, u.name)));
      const step = analysis.next_steps.find((s) => s.due) ?? analysis.next_steps[0];
      const nextStep = step ? `${step.action}${step.due && !step.action.toLowerCase().includes(step.due.toLowerCase()) ? ` (${step.due})` : ""}`.slice(0, 300) : undefined;
      const result = await deps.store.log({
        id: newId(),
        title: request.title ?? (deal ? `Call — ${deal.name}` : `Call with ${analysis.speakers.filter((s) => s.side === "customer").map((s) => s.name).join(", ")}`),
        body: request.text,
        format: analysis.format,
        source: request.source,
        analysis,
        deal,
        account,
        repId: repUser?.id,
        subject: `Call analysed: ${analysis.objections.length} objection(s), ${analysis.next_steps.length} next step(s)`,
        outcome: `rep talk ${Math.round(analysis.talk_ratio.rep * 100)}%; outlook ${analysis.outlook.label} (${Math.round(analysis.outlook.likelihood * 100)}%)${nextStep ? `; next: ${nextStep}` : ""}`.slice(0, 500),
        nextStep,
        occurredAt: deps.clock.now(),
      });
      return {
        analysis,
        logged: { ...result, dealName: deal?.name ?? null, accountName: deal?.accountName ?? account?.name ?? null, nextStep: nextStep ?? null },
      };
    },
  };
}

export type TranscriptService = ReturnType<typeof createTranscriptService>;
