import type { Logger } from "../../src/core/logger.js";
import type { TurnEvent } from "../../src/core/ports.js";
import { createLiveMessage, type LiveMessageTiming } from "../shared/live-message.js";
import { followTurn, type Draft } from "../shared/turn-stream.js";
import { clip, escapeMrkdwn, markdownToMrkdwn } from "./mrkdwn.js";
import { renderBlocks } from "./render-blocks.js";
import type { SlackReplyTarget } from "./reply-target.js";

/** Slack allows about one `chat.update` a second per message; a quick turn posts its answer only. */
export const SLACK_LIVE_TIMING: LiveMessageTiming = { firstAfterMs: 1000, intervalMs: 1000 };

/** A draft as plain message text: the answer so far, or what the assistant is doing, or the placeholder. */
export function draftText(draft: Draft, placeholder: string): string {
  if (draft.text.trim()) return clip(`${markdownToMrkdwn(draft.text.trimEnd())} …`, 3000);
  if (draft.status) return `_${escapeMrkdwn(draft.status)}_`;
  return placeholder;
}

/**
 * One turn into Slack. Where the target can edit a message, a turn that streams (status lines, tokens) and is
 * still running after `timing.firstAfterMs` gets a placeholder showing its draft, updated in place as the
 * answer streams (throttled); the final Block Kit body then replaces it — always, even when the last throttled
 * update was skipped. A quick turn, or one that says nothing until its answer (local mode), posts its answer
 * only, in one message. When the turn fails, the placeholder says so, or a notice does when there is none.
 * Throws only what the caller should log: the turn's failure (after telling the user).
 */
export async function answerTurn(
  events: AsyncIterable<TurnEvent>,
  target: SlackReplyTarget,
  options: { timing: LiveMessageTiming; placeholder: string; failed: string; logger: Logger },
): Promise<void> {
  const { live: liveTarget } = target;
  const live = liveTarget && createLiveMessage(liveTarget, options.timing, options.logger);
  let replies;
  try {
    replies = await followTurn(events, (draft) => live?.show(draftText(draft, options.placeholder)));
  } catch (error) {
    const told = liveTarget && (await live?.settle()) ? liveTarget.edit(options.failed) : target.notice(options.failed);
    await told.catch((e: unknown) => options.logger.warn({ err: e }, "slack failure notice not sent"));
    throw error;
  }
  const [first, ...rest] = replies;
  if (liveTarget && (await live?.settle())) {
    if (!first || !first.text) await liveTarget.remove();
    else {
      const body = renderBlocks(first);
      await liveTarget.finish(body).catch(async (error: unknown) => {
        options.logger.warn({ err: error }, "slack live message not finished; posting the answer");
        await target.answer(body);
      });
    }
  } else if (first) await target.answer(renderBlocks(first));
  for (const reply of rest) await target.answer(renderBlocks(reply));
}
