import { ActivityTypes, TurnContext, type Activity } from "botbuilder";
import express, { Router, type RequestHandler } from "express";
import { systemClock, type Clock } from "../../src/core/clock.js";
import type { EventDeduper } from "../../src/core/dedupe.js";
import { BadInputError, UnauthorizedError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import type { Actor } from "../../src/core/domain.js";
import type { ConversationHandler } from "../../src/core/ports.js";
import type { ApprovalDesk } from "../../src/core/approvals.js";
import { decisionNotice, parseApprovalSubmit, submitEdits } from "./approval-card.js";
import type { LiveMessageTiming } from "../shared/live-message.js";
import { createTaskTracker } from "../shared/task-tracker.js";
import { turnEvents } from "../shared/turn-stream.js";
import type { ChannelRoutes } from "../types.js";
import { answerTurn, TEAMS_LIVE_TIMING } from "./answer-turn.js";
import { ActivityEnvelope, TeamsMessage, tenantOf } from "./activity.js";
import { createBotAuthentication, type TeamsConfig } from "./bot-authentication.js";
import { createMemoryConversationReferenceStore, shouldReplace, type ConversationReferenceStore } from "./conversation-references.js";
import { resolveTeamsActor } from "./identity.js";
import { messageText } from "./message-text.js";
import { createTeamsNotifier, type TeamsNotifier } from "./notifier.js";
import { TeamsCloudAdapter } from "./teams-cloud-adapter.js";

export const TEAMS_MESSAGES_PATH = "/api/messages";

export const TEAMS_TEXT = {
  refused: "Sorry, I can only help members of the sales team. Ask your Salesgraph admin for access if you need it.",
  empty: "Ask me about a deal, your pipeline or your leads, for example: “how is the Globex deal going?”",
  failed: "Sorry, something went wrong on my side and I couldn't answer. Please try again in a minute.",
} as const;

export interface TeamsRoutesDeps {
  handler: ConversationHandler;
  config: TeamsConfig;
  /** The Salesgraph tenant the actors belong to (config `tenant`). */
  tenant: string;
  logger: Logger;
  /** Defaults to an in-memory store (one process). */
  references?: ConversationReferenceStore;
  /** Runs a redelivered activity once (the Bot Framework retries when a bot is slow). */
  deduper?: EventDeduper;
  clock?: Clock;
  /** Largest activity accepted (default 256 KB). */
  bodyLimitBytes?: number;
  /** A typing indicator is shown when an answer takes longer than this (default 1000 ms). */
  typingAfterMs?: number;
  /** Token-signing key metadata other than the public cloud's: tests and private clouds only. */
  openIdMetadataUrl?: string;
  /** When a streamed answer is first sent and how often it is updated (default TEAMS_LIVE_TIMING). */
  liveTiming?: LiveMessageTiming;
  /** Decisions from approval cards (Action.Submit); managers only. */
  approvals?: ApprovalDesk;
}

export interface TeamsRoutes extends ChannelRoutes {
  notifier: TeamsNotifier;
  references: ConversationReferenceStore;
}

/**
 * Microsoft Teams through botbuilder's CloudAdapter at `POST /api/messages`. Every activity is authenticated
 * (Bot Framework JWT) unless the local-development flag is set; a message from an allowed tenant and a listed
 * rep or manager becomes one InboundMessage, and the answers go back in the same conversation as text or
 * Adaptive Cards; a slow answer streams into one message updated in place. Everyone else gets a polite refusal.
 * The turn runs inside the request, as the Bot Framework expects; its connector accepts replies while it waits.
 * Mount before any global JSON body parser.
 */
export function createTeamsRoutes(deps: TeamsRoutesDeps): TeamsRoutes {
  const bot = createBotAuthentication(deps.config, { openIdMetadataUrl: deps.openIdMetadataUrl });
  const log = deps.logger.child({ channel: "teams" });
  const clock = deps.clock ?? systemClock;
  const references = deps.references ?? createMemoryConversationReferenceStore();
  const typingAfterMs = deps.typingAfterMs ?? 1000;
  const tracker = createTaskTracker();
  const adapter = new TeamsCloudAdapter(bot.auth);
  // Only the Teams channel vouches for AAD ids and tenants; the Emulator is accepted in local development.
  const trustedChannels = bot.mode === "verified" ? ["msteams"] : ["msteams", "emulator"];

  if (bot.mode === "unauthenticated") log.warn("Teams activities are NOT authenticated (TEAMS_ALLOW_UNAUTHENTICATED): local development only");
  else if (deps.config.allowUnauthenticated) log.warn("TEAMS_ALLOW_UNAUTHENTICATED is ignored because MicrosoftAppId is set");
  if (deps.config.allowedTenants.length === 0) log.warn("TEAMS_ALLOWED_TENANTS is empty: every Teams user will be refused");

  async function remember(actor: Actor, activity: Activity): Promise<void> {
    const incoming = TurnContext.getConversationReference(activity);
    if (shouldReplace(await references.find(actor.id), incoming)) await references.save(actor.id, incoming);
  }

  /** Typing, then the answer as it streams (channels/teams/answer-turn.ts). Failures are logged and told. */
  async function answer(context: TurnContext, actor: Actor, message: TeamsMessage, text: string): Promise<void> {
    const events = turnEvents(deps.handler, {
      channel: "teams",
      conversationId: message.conversation.id,
      actor,
      text,
      messageId: message.id,
      receivedAt: clock.now(),
    });
    const options = { timing: deps.liveTiming ?? TEAMS_LIVE_TIMING, typingAfterMs, failed: TEAMS_TEXT.failed, logger: log };
    await answerTurn(context, events, options).catch((error: unknown) => {
      log.error({ err: error, conversation: message.conversation.id }, "teams turn failed");
    });
  }

  async function onTurn(context: TurnContext): Promise<void> {
    // An invoke (message extension, card action…) we do not implement is refused as a bad request; left
    // unanswered the adapter would reply 501, a server error for something only the client can change.
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400, body: { reason: `invoke '${context.activity.name ?? ""}' is not supported` } } });
      return;
    }
    // conversationUpdate, installationUpdate, reactions, typing: nothing to answer.
    if (context.activity.type !== ActivityTypes.Message) return;
    const parsed = TeamsMessage.safeParse(context.activity);
    if (!parsed.success) {
      log.warn({ issue: parsed.error.issues[0]?.message }, "teams message without the expected fields ignored");
      return;
    }
    const message = parsed.data;
    const tenantId = tenantOf(message);
    const actor = trustedChannels.includes(message.channelId)
      ? resolveTeamsActor({ tenantId, aadObjectId: message.from.aadObjectId }, deps.config, deps.tenant)
      : undefined;
    if (!actor) {
      log.info({ tenant: tenantId, user: message.from.aadObjectId ?? message.from.id, channelId: message.channelId }, "teams user not allowed");
      await context.sendActivity(TEAMS_TEXT.refused);
      return;
    }
    await remember(actor, context.activity);
    const submit = deps.approvals && parseApprovalSubmit(context.activity.value);
    if (submit && deps.approvals) {
      if (actor.role !== "manager") return void (await context.sendActivity("Only managers listed in TEAMS_MANAGERS can decide approvals."));
      const found = await deps.approvals.find(submit.approvalId);
      const { decision, edits } = submitEdits(submit, found?.preview.editable ?? "body");
      const result = await deps.approvals.decide({ id: submit.approvalId, decision, edits, approver: { id: `teams:${actor.id}`, name: message.from.name ?? actor.id } });
      return void (await context.sendActivity(decisionNotice(result)));
    }
    const text = messageText(message);
    if (!text) {
      await context.sendActivity(TEAMS_TEXT.empty);
      return;
    }
    if (deps.deduper && message.id && !(await deps.deduper.firstTime("teams-activity", `${message.conversation.id}:${message.id}`))) return;
    await answer(context, actor, message, text);
  }

  async function safeTurn(context: TurnContext): Promise<void> {
    try {
      await onTurn(context);
    } catch (error) {
      // The activity was authentic and is handled as far as it can be: a 500 would only make the channel retry.
      log.error({ err: error, conversation: context.activity.conversation?.id }, "teams activity not handled");
    }
  }

  const requireToken: RequestHandler = (req, _res, next) => {
    // The token can only be verified against the parsed activity, but its absence is known before parsing.
    if (bot.mode === "verified" && !req.get("authorization")) next(new UnauthorizedError("missing Bot Framework bearer token"));
    else next();
  };

  const router = Router();
  router.post(TEAMS_MESSAGES_PATH, requireToken, express.json({ limit: deps.bodyLimitBytes ?? 256 * 1024 }), async (req, res) => {
    const authHeader = req.get("authorization") ?? "";
    if (!ActivityEnvelope.safeParse(req.body).success) throw new BadInputError("body must be a Bot Framework activity with a type");
    const activity = req.body as Activity;
    const authenticated = await adapter.authenticate(activity, authHeader).catch((error: unknown) => {
      log.warn({ reason: (error as Error).message, channelId: activity.channelId }, "teams request rejected");
      throw error;
    });
    const turn = adapter.runTurn(authenticated, activity, safeTurn);
    tracker.track(turn);
    const invoke = await turn;
    res.status(invoke?.status ?? 200);
    if (invoke?.body === undefined) res.end();
    else res.json(invoke.body);
  });

  return {
    router,
    drain: () => tracker.drain(),
    notifier: createTeamsNotifier({ adapter, appId: bot.appId, references }),
    references,
  };
}
