import { webApi } from "@slack/bolt";
import type { ApprovalNotifier, ApprovalRecord } from "../../src/core/approvals.js";
import type { Logger } from "../../src/core/logger.js";
import { boltLogger } from "./bolt-logger.js";
import { renderApprovalDecided, renderApprovalRequest } from "./approval-blocks.js";

/** A Slack conversation id as the adapter forms it: `C…:thread_ts`, a DM `D…`, or a slash command `C…:/cmd:U…`. */
export function slackPlace(conversation: string): { channel: string; threadTs?: string; user?: string } {
  const [channel, second, third] = conversation.split(":");
  if (second && /^\d+\.\d+$/.test(second)) return { channel: channel!, threadTs: second };
  if (second?.startsWith("/")) return { channel: channel!, user: third };
  return { channel: channel! };
}

export function createSlackWebClient(deps: { botToken: string; apiUrl: string; logger: Logger }): webApi.WebClient {
  return new webApi.WebClient(deps.botToken, {
    slackApiUrl: deps.apiUrl,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    logger: boltLogger(deps.logger),
  });
}

/**
 * Asks for approval in SLACK_APPROVALS_CHANNEL, or — when none is set and the request came from Slack — in
 * the requesting thread. Decisions are told in the request post's thread.
 */
export function createSlackApprovalNotifier(deps: { client: webApi.WebClient; channel?: string }): ApprovalNotifier {
  function target(approval: ApprovalRecord): { channel: string; threadTs?: string } | undefined {
    if (deps.channel) return { channel: deps.channel };
    if (approval.channel !== "slack") return undefined;
    const place = slackPlace(approval.conversation);
    return place.user ? undefined : place;
  }
  return {
    async ask(approval) {
      const where = target(approval);
      if (!where) return {};
      const posted = await deps.client.chat.postMessage({
        channel: where.channel,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        ...renderApprovalRequest(approval),
        unfurl_links: false,
      });
      // Edited text is read from replies in the post's own thread (or the requesting thread it sits in).
      return posted.ts ? { slackPost: { channel: posted.channel ?? where.channel, ts: where.threadTs ?? posted.ts } } : {};
    },
    async decided(approval, outcome) {
      if (!approval.slackPost) return;
      await deps.client.chat.postMessage({ channel: approval.slackPost.channel, thread_ts: approval.slackPost.ts, text: renderApprovalDecided(approval, outcome) });
    },
  };
}
