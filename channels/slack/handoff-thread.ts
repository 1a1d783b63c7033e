import type { App, webApi } from "@slack/bolt";
import type { EventDeduper } from "../../src/core/dedupe.js";
import type { Logger } from "../../src/core/logger.js";
import type { HandoffInbox, HandoffThread, Person } from "../../src/core/ports.js";
import type { TaskTracker } from "../shared/task-tracker.js";
import { RELEASE_ACTION, RELEASE_COMMAND } from "./handoff-blocks.js";
import { resolveSlackActor, type SlackAccess } from "./identity.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { BlockActionsPayload, ThreadReplyEvent } from "./payloads.js";

export const HANDOFF_TEXT = {
  notAllowed: "Your reply did not reach the visitor: only reps and managers listed in SLACK_REPS / SLACK_MANAGERS can answer hand-offs.",
  failed: "Sorry, your reply could not be handled; it did not reach the visitor. Please try again.",
  notDelivered: (reason: string) => `Not delivered to the visitor: ${reason}.`,
} as const;

export interface HandoffThreadDeps {
  inbox: HandoffInbox;
  access: SlackAccess;
  tenant: string;
  logger: Logger;
  deduper: EventDeduper;
  tracker: TaskTracker;
  /** Shown to the visitor when Slack does not tell us a person's name. */
  fallbackName?: string;
}

/** A message that starts with a mention is addressed to a colleague or the bot, not to the visitor. */
const ADDRESSED_TO_SOMEONE = /^\s*<[@!]/;

/**
 * People answer hand-offs in the hand-off post's thread: a reply from a listed rep or manager goes to the
 * visitor (and takes the conversation over), `!release` or the Release button hands it back. Threads that are
 * not hand-offs are left alone. Needs the `message.channels` (and `message.groups`) events and interactivity.
 */
export function registerHandoffThread(app: App, deps: HandoffThreadDeps): void {
  const log = deps.logger.child({ channel: "slack", component: "handoff-thread" });
  const names = new Map<string, string>();

  async function personOf(client: webApi.WebClient, userId: string): Promise<Person> {
    let name = names.get(userId);
    if (!name) {
      try {
        const info = await client.users.info({ user: userId });
        name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || undefined;
      } catch (error) {
        log.debug({ err: error, user: userId }, "slack user name not known (users:read scope?)");
      }
      name ??= deps.fallbackName ?? "Our team";
      names.set(userId, name);
    }
    return { id: `slack:${userId}`, name };
  }

  function allowed(teamId: string, userId: string): boolean {
    return resolveSlackActor({ teamId, userId }, deps.access, deps.tenant) !== undefined;
  }

  async function say(client: webApi.WebClient, thread: HandoffThread, text: string, user?: string) {
    await (user
      ? client.chat.postEphemeral({ channel: thread.channel, thread_ts: thread.ts, user, text })
      : client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, text }));
  }

  async function onReply(client: webApi.WebClient, e: ThreadReplyEvent, teamId: string): Promise<void> {
    const thread = { channel: e.channel, ts: e.thread_ts };
    try {
      if (!allowed(teamId, e.user)) {
        if (await deps.inbox.isHandoffThread(thread)) await say(client, thread, HANDOFF_TEXT.notAllowed, e.user);
        return;
      }
      const text = slackTextToPlain(e.text);
      if (!text) return;
      if (!(await deps.deduper.firstTime("slack-message", `${e.channel}:${e.ts}`))) return;
      const person = await personOf(client, e.user);
      if (text.toLowerCase() === RELEASE_COMMAND) {
        await deps.inbox.release({ target: { thread }, person });
        return;
      }
      // Threads that are not hand-offs answer "unknown"; not-delivered notices are posted by the inbox itself.
      await deps.inbox.reply({ target: { thread }, person, text });
    } catch (error) {
      log.error({ err: error, thread: thread.ts }, "hand-off reply not handled");
      await say(client, thread, HANDOFF_TEXT.failed, e.user).catch((err: unknown) => log.warn({ err }, "slack failure notice not sent"));
    }
  }

  app.event("message", async ({ event, body, client }) => {
    const parsed = ThreadReplyEvent.safeParse(event);
    if (!parsed.success || parsed.data.bot_id || parsed.data.subtype || parsed.data.thread_ts === parsed.data.ts) return;
    if (ADDRESSED_TO_SOMEONE.test(parsed.data.text)) return;
    const e = parsed.data;
    deps.tracker.track(onReply(client, e, e.user_team ?? e.team ?? body.team_id));
  });

  app.action(RELEASE_ACTION, async ({ ack, body, client }) => {
    await ack();
    const parsed = BlockActionsPayload.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const thread = { channel: b.channel.id, ts: b.message.thread_ts ?? b.message.ts };
    deps.tracker.track(
      (async () => {
        try {
          if (!allowed(b.user.team_id ?? b.team.id, b.user.id)) return say(client, thread, HANDOFF_TEXT.notAllowed, b.user.id);
          await deps.inbox.release({ target: { thread }, person: await personOf(client, b.user.id) });
        } catch (error) {
          log.error({ err: error, thread: thread.ts }, "hand-off release not handled");
        }
      })(),
    );
  });
}
