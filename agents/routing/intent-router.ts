import { INTENTS, PROSPECT_INTENTS, type Channel, type Intent, type Role } from "../../src/core/domain.js";
import type { LlmProvider } from "../../src/llm/provider.js";
import { looksLikeInjection } from "./injection.js";
import { isClearOptOutRequest, isOptOutKeyword } from "./opt-out.js";
import { OOS_LABEL } from "./oos-threshold.js";
import type { TextClassifier } from "./text-classifier.js";
import type { TrainedRouter } from "./trained-router.js";

export { isOptOutKeyword, OPT_OUT_KEYWORDS } from "./opt-out.js";

export interface RouteInput {
  text: string;
  channel: Channel;
  role: Role;
  /** Earlier turns, oldest first; only the LLM sees them. */
  history?: string[];
  /** What the assistant asked last and the message did not answer ("the email address", "a demo time"). */
  pendingAsk?: string;
}

export type RouteSource = "rule" | "classifier" | "llm";

export interface RouteDecision {
  intent: Intent;
  /** Classifier probability over the allowed intents; 1 for rules and for the LLM, which gives no probability. */
  confidence: number;
  source: RouteSource;
}

export interface IntentRouter {
  route(input: RouteInput): Promise<RouteDecision>;
}

export interface IntentRouterDeps {
  classifier: TextClassifier;
  llm?: LlmProvider;
  /**
   * A router trained on the deployment's own messages (`route train`, `ROUTER_MODEL` or a promoted `router`
   * model). It decides when it is confident and names an intent the actor may reach; its "oos" answers
   * and anything else fall back to the built-in classifier.
   */
  trained?: TrainedRouter;
}

/** The graph's intents a trained router may name (its other labels are refused at start-up). */
export function unknownIntents(router: Pick<TrainedRouter, "labels">): string[] {
  return router.labels.filter((label) => label !== OOS_LABEL && !(INTENTS as readonly string[]).includes(label));
}

const SPEAKER_LINE =
  /^\s*(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–]?\s*)?(\p{L}[\p{L}\p{N} .'’&()-]{0,40}?)\s*:\s+\S/u;
/** Labels of pasted e-mail headers, which alternate like speakers but are not a call. */
const NOT_SPEAKERS: ReadonlySet<string> = new Set(["from", "to", "cc", "bcc", "subject", "date", "sent"]);
const MIN_SPEAKER_LINES = 4;
const MIN_TRANSCRIPT_LENGTH = 120;
/** An uploaded caption file (WebVTT, SRT) or JSON turns, as shared in Slack or Teams. */
const CAPTION_FILE = /^\uFEFF?\s*(?:WEBVTT\b|\d+\s*\r?\n\s*\d{1,3}:\d{2}:\d{2},\d{1,3}\s*-->)/;
const JSON_TURNS = /^\uFEFF?\s*[[{][\s\S]{0,200}"speaker"\s*:/;

/** Speaker label of a line such as "Rep: …", "[00:01] Dana (Globex): …", "00:01:10 Karen: …". */
export function speakerOf(line: string): string | undefined {
  return SPEAKER_LINE.exec(line)?.[1]?.trim().toLowerCase();
}

/**
 * A pasted call transcript: several speaker-labelled lines, at least two speakers, one of them speaking
 * twice (so a message of "Deal: x / Stage: y / Owner: z" fields is not mistaken for a conversation).
 */
export function looksLikeTranscript(text: string): boolean {
  if (text.length < MIN_TRANSCRIPT_LENGTH) return false;
  if (CAPTION_FILE.test(text) || JSON_TURNS.test(text)) return true;
  const speakers = text
    .split(/\r?\n/)
    .map(speakerOf)
    .filter((speaker): speaker is string => speaker !== undefined && !NOT_SPEAKERS.has(speaker));
  if (speakers.length < MIN_SPEAKER_LINES) return false;
  const turns = new Map<string, number>();
  for (const speaker of speakers) turns.set(speaker, (turns.get(speaker) ?? 0) + 1);
  return turns.size >= 2 && [...turns.values()].some((count) => count >= 2);
}

/** Access is decided here, in code: prospects can never be routed to an internal intent. */
export function allowedIntents(role: Role): readonly Intent[] {
  return role === "prospect" ? PROSPECT_INTENTS : INTENTS;
}

export function createIntentRouter(deps: IntentRouterDeps): IntentRouter {
  const { classifier, llm, trained } = deps;

  async function askLlm(input: RouteInput, allowed: readonly Intent[]): Promise<Intent | undefined> {
    if (!llm) return undefined;
    try {
      const intent = await llm.routeIntent({ text: input.text, allowed, history: input.history, pendingAsk: input.pendingAsk });
      return intent !== undefined && allowed.includes(intent) ? intent : undefined;
    } catch {
      // The local classifier is always there; a failing endpoint only makes routing plainer.
      return undefined;
    }
  }

  return {
    async route(input: RouteInput): Promise<RouteDecision> {
      // Opting out is decided by rule only: a carrier keyword as the whole message (SMS), or a clear request
      // to stop being contacted. Neither a model nor the classifier can opt anyone out on a hunch.
      if (isOptOutKeyword(input.text, input.channel) || (isClearOptOutRequest(input.text) && !looksLikeInjection(input.text))) {
        return { intent: "opt_out", confidence: 1, source: "rule" };
      }
      if (input.role === "prospect" && looksLikeInjection(input.text)) return { intent: "smalltalk", confidence: 1, source: "rule" };
      // "2", "?", "k": nothing to classify, and nothing a search could answer
      if (!/\p{L}{2,}/u.test(input.text)) return { intent: "smalltalk", confidence: 1, source: "rule" };
      if (input.role !== "prospect" && looksLikeTranscript(input.text)) {
        return { intent: "call_transcript", confidence: 1, source: "rule" };
      }
      const allowed = allowedIntents(input.role).filter((intent) => intent !== "opt_out");
      const fromLlm = await askLlm(input, allowed);
      if (fromLlm) return { intent: fromLlm, confidence: 1, source: "llm" };
      if (trained) {
        const routed = trained.route(input.text);
        if ((allowed as readonly string[]).includes(routed.intent)) return { intent: routed.intent as Intent, confidence: routed.confidence, source: "classifier" };
      }
      const prediction = classifier.predict(input.text, allowed);
      return { intent: prediction.label as Intent, confidence: prediction.confidence, source: "classifier" };
    },
  };
}
