import { App, ExpressReceiver } from "@slack/bolt";
import { Router } from "express";
import { systemClock, type Clock } from "../../src/core/clock.js";
import type { Config } from "../../src/core/config.js";
import type { EventDeduper } from "../../src/core/dedupe.js";
import { ConfigError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import type { Actor } from "../../src/core/domain.js";
import type { ConversationHandler, HandoffInbox } from "../../src/core/ports.js";
import type { ApprovalDesk } from "../../src/core/approvals.js";
import { registerApprovalActions } from "./approval-actions.js";
import type { LiveMessageTiming } from "../shared/live-message.js";
import { createRateLimiter, type RateLimiter } from "../shared/rate-limiter.js";
import { createTaskTracker } from "../shared/task-tracker.js";
import { turnEvents } from "../shared/turn-stream.js";
import { answerTurn, SLACK_LIVE_TIMING } from "./answer-turn.js";
import type { ChannelRoutes } from "../types.js";
import { boltLogger } from "./bolt-logger.js";
import { readSharedFiles, SharedFileError, sharedTranscriptFiles } from "./file-share.js";
import { registerHandoffThread } from "./handoff-thread.js";
import { resolveSlackActor } from "./identity.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { DirectMessageEvent, MentionEvent, SlashCommandBody } from "./payloads.js";
import { commandTarget, threadTarget, type SlackReplyTarget } from "./reply-target.js";
import { slackRequestGuard } from "./request-guard.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export const SLACK_TEXT = {
  refused: "Sorry, I can only help members of the sales team. Ask your Salesgraph admin for access if you need it.",
  slowDown: "You're sending questions faster than I can answer. Please wait a minute and try again.",
  working: "Working on it…",
  empty: "Ask me about a deal, your pipeline or your leads, for example: “how is the Globex deal going?”",
  failed: "Sorry, something went wrong on my side and I couldn't answer. Please try again in a minute.",
} as const;

export interface SlackRoutesDeps {
  handler: ConversationHandler;
  config: Config["slack"];
  tenant: string;
  logger: Logger;
  deduper: EventDeduper;
  /** Per-user limiter; defaults to 30 questions a minute. */
  rateLimiter?: RateLimiter;
  clock?: Clock;
  /** Largest request body accepted (default 256 KB: message events carry rich-text blocks). */
  bodyLimitBytes?: number;
  /** The slash command configured in the Slack app (default `/sales`). */
  command?: string;
  /** Hand-offs answered in Slack threads (channels/slack/handoff-thread.ts); none when not configured. */
  handoffs?: { inbox: HandoffInbox; fallbackName?: string };
  /** When a streamed answer's placeholder is posted and how often it is updated (default SLACK_LIVE_TIMING). */
  liveTiming?: LiveMessageTiming;
  /** Approve / Edit / Reject on approval posts (channels/slack/approval-actions.ts). */
  approvals?: ApprovalDesk;
}

/**
 * Slack Events API and the `/sales` command on one express Router at `/slack/events`, through Bolt's
 * ExpressReceiver. Our guard verifies the signature (raw body, injected clock), rejects malformed bodies and
 * swallows duplicate deliveries before Bolt runs. Bolt acknowledges events at once; each turn then runs
 * detached and answers in the thread, streamed into one message that `chat.update` keeps current
 * (channels/slack/answer-turn.ts); commands are answered whole through `response_url`.
 * Mount before any JSON body parser.
 */
export function createSlackRoutes(deps: SlackRoutesDeps): ChannelRoutes {
  const { signingSecret, botToken } = deps.config;
  if (!signingSecret) throw new ConfigError("SLACK_SIGNING_SECRET: required to serve Slack");
  if (!botToken) throw new ConfigError("SLACK_BOT_TOKEN: required to answer in Slack");
  const clock = deps.clock ?? systemClock;
  const log = deps.logger.child({ channel: "slack" });
  const limiter = deps.rateLimiter ?? createRateLimiter({ perMinute: 30, clock });
  const tracker = createTaskTracker();
  const command = deps.command ?? "/sales";
  if (deps.config.allowedTeams.length === 0) log.warn("SLACK_ALLOWED_TEAMS is empty: every Slack user will be refused");

  const router = Router();
  router.post(
    SLACK_EVENTS_PATH,
    ...slackRequestGuard({ signingSecret, clock, logger: deps.logger, deduper: deps.deduper, bodyLimitBytes: deps.bodyLimitBytes ?? 256 * 1024, command }),
  );
  const bolt = boltLogger(deps.logger);
  // Our guard has already verified the signature; Bolt's own check reads Date.now(), which tests cannot steer.
  const receiver = new ExpressReceiver({ signingSecret, endpoints: SLACK_EVENTS_PATH, router, signatureVerification: false, logger: bolt });
  const app = new App({
    receiver,
    // A fixed authorization: Bolt would otherwise call auth.test before acknowledging the first event.
    authorize: async () => ({ botToken }),
    logger: bolt,
    convoStore: false,
    clientOptions: { slackApiUrl: deps.config.apiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 } },
  });
  app.error(async (error) => {
    log.error({ err: error }, "slack listener failed");
  });
  if (deps.handoffs) {
    registerHandoffThread(app, { ...deps.handoffs, access: deps.config, tenant: deps.tenant, logger: deps.logger, deduper: deps.deduper, tracker });
  }

  if (deps.approvals) {
    registerApprovalActions(app, { desk: deps.approvals, access: deps.config, tenant: deps.tenant, logger: deps.logger, deduper: deps.deduper, tracker });
  }

  const fileOptions = { botToken, apiUrl: deps.config.apiUrl, logger: log };

  type Gate = { ok: true; actor: Actor } | { ok: false; notice?: string };

  /** Who may ask, and how often (one query on the shared budget), answered in a slash command's acknowledgement. */
  async function gate(teamId: string, userId: string): Promise<Gate> {
    const actor = resolveSlackActor({ teamId, userId }, deps.config, deps.tenant);
    if (!actor) {
      log.info({ team: teamId, user: userId }, "slack user not allowed");
      return { ok: false, notice: SLACK_TEXT.refused };
    }
    const rate = await limiter.take(`${teamId}:${userId}`);
    if (!rate.allowed) {
      log.info({ user: userId, retryAfterMs: rate.retryAfterMs }, "slack user rate limited");
      return rate.notify ? { ok: false, notice: SLACK_TEXT.slowDown } : { ok: false };
    }
    return { ok: true, actor };
  }

  /** One turn, answered through the target. Never throws: failures are logged and told to the user. */
  async function runTurn(actor: Actor, input: { conversationId: string; messageId: string; text: string; target: SlackReplyTarget }) {
    const events = turnEvents(deps.handler, {
      channel: "slack",
      conversationId: input.conversationId,
      actor,
      text: input.text,
      messageId: input.messageId,
      receivedAt: clock.now(),
    });
    const options = { timing: deps.liveTiming ?? SLACK_LIVE_TIMING, placeholder: SLACK_TEXT.working, failed: SLACK_TEXT.failed, logger: log };
    await answerTurn(events, input.target, options).catch((error: unknown) => {
      log.error({ err: error, conversation: input.conversationId }, "slack turn failed");
    });
  }

  /** Events: the HTTP request is already acknowledged, so everything, refusals included, is sent afterwards. */
  async function converseAfterAck(input: {
    teamId: string;
    userId: string;
    conversationId: string;
    messageId: string;
    /** The message, or shared transcript files, read only once the sender has passed the gate. */
    text: string | (() => Promise<string>);
    target: SlackReplyTarget;
  }): Promise<void> {
    try {
      const verdict = await gate(input.teamId, input.userId);
      if (!verdict.ok) {
        if (verdict.notice) await input.target.notice(verdict.notice);
        return;
      }
      if (!input.text) {
        await input.target.notice(SLACK_TEXT.empty);
        return;
      }
      // app_mention and message.im can both deliver one message; run it once.
      if (!(await deps.deduper.firstTime("slack-message", input.messageId))) return;
      const text = typeof input.text === "string" ? input.text : await input.text().catch(async (error: unknown) => {
        if (!(error instanceof SharedFileError)) throw error;
        await input.target.notice(error.message);
        return "";
      });
      if (text) await runTurn(verdict.actor, { ...input, text });
    } catch (error) {
      log.error({ err: error, conversation: input.conversationId }, "slack event not handled");
    }
  }

  app.event("app_mention", async ({ event, body, client }) => {
    const parsed = MentionEvent.safeParse(event);
    const files = sharedTranscriptFiles(event);
    if (!parsed.success || parsed.data.bot_id || (parsed.data.subtype && !files)) return;
    const e = parsed.data;
    const threadTs = e.thread_ts ?? e.ts;
    tracker.track(
      converseAfterAck({
        teamId: e.user_team ?? e.team ?? body.team_id,
        userId: e.user,
        conversationId: `${e.channel}:${threadTs}`,
        messageId: `${e.channel}:${e.ts}`,
        text: files ? () => readSharedFiles(client, files, fileOptions) : slackTextToPlain(e.text),
        target: threadTarget(client, { channel: e.channel, user: e.user, threadTs, im: false }),
      }),
    );
  });

  app.event("message", async ({ event, body, client }) => {
    const parsed = DirectMessageEvent.safeParse(event);
    // Bot posts (ours included), edits, deletions and joins arrive as messages too; shared transcripts are read.
    const files = parsed.success && parsed.data.subtype === "file_share" ? sharedTranscriptFiles(event) : undefined;
    if (!parsed.success || parsed.data.bot_id || (parsed.data.subtype && !files)) return;
    const e = parsed.data;
    tracker.track(
      converseAfterAck({
        teamId: e.user_team ?? e.team ?? body.team_id,
        userId: e.user,
        // A DM is one running conversation; a thread inside it is its own.
        conversationId: e.thread_ts ? `${e.channel}:${e.thread_ts}` : e.channel,
        messageId: `${e.channel}:${e.ts}`,
        text: files ? () => readSharedFiles(client, files, fileOptions) : slackTextToPlain(e.text),
        target: threadTarget(client, { channel: e.channel, user: e.user, threadTs: e.thread_ts, im: true }),
      }),
    );
  });

  app.command(command, async ({ command: raw, ack, respond }) => {
    const parsed = SlashCommandBody.safeParse(raw);
    if (!parsed.success) return ack();
    const cmd = parsed.data;
    const verdict = await gate(cmd.team_id, cmd.user_id);
    // Refusals and notices travel in the acknowledgement itself: ephemeral, and no second request.
    if (!verdict.ok) return ack(verdict.notice ? { response_type: "ephemeral", text: verdict.notice } : undefined);
    const text = slackTextToPlain(cmd.text);
    if (!text) return ack({ response_type: "ephemeral", text: SLACK_TEXT.empty });
    await ack({ response_type: "ephemeral", text: SLACK_TEXT.working });
    tracker.track(
      runTurn(verdict.actor, {
        conversationId: `${cmd.channel_id}:${command}:${cmd.user_id}`,
        messageId: `command:${cmd.trigger_id}`,
        text,
        target: commandTarget(cmd, respond),
      }),
    );
  });

  return { router, drain: () => tracker.drain() };
}
