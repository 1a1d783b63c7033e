import { webApi } from "@slack/bolt";
import type { Logger } from "../../src/core/logger.js";
import type { HandoffNotifier } from "../../src/core/ports.js";
import { boltLogger } from "./bolt-logger.js";
import { renderHandoffPost, renderHandoffUpdate } from "./handoff-blocks.js";

/**
 * Posts hand-offs to SLACK_HANDOFF_CHANNEL and everything after (added details, what the visitor writes while a
 * person holds the conversation, status changes) in that post's thread. The bot must be in the channel.
 */
export function createSlackHandoffNotifier(deps: { botToken: string; apiUrl: string; channel: string; logger: Logger }): HandoffNotifier {
  const client = new webApi.WebClient(deps.botToken, {
    slackApiUrl: deps.apiUrl,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    logger: boltLogger(deps.logger),
  });
  return {
    async announce(ticket) {
      const posted = await client.chat.postMessage({ channel: deps.channel, ...renderHandoffPost(ticket), unfurl_links: false });
      if (!posted.ts) throw new Error("chat.postMessage returned no ts");
      return { channel: posted.channel ?? deps.channel, ts: posted.ts };
    },
    async update(ticket, update) {
      // A hand-off whose post failed has no thread: its updates start a new post rather than vanish.
      const text = ticket.thread ? renderHandoffUpdate(update) : `${ticket.id}: ${renderHandoffUpdate(update)}`;
      await client.chat.postMessage({
        channel: ticket.thread?.channel ?? deps.channel,
        ...(ticket.thread ? { thread_ts: ticket.thread.ts } : {}),
        text,
        unfurl_links: false,
      });
    },
  };
}
