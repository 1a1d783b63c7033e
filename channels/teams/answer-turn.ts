import { ActivityTypes, type TurnContext } from "botbuilder";
import type { Logger } from "../../src/core/logger.js";
import type { TurnEvent } from "../../src/core/ports.js";
import { createLiveMessage, type LiveMessageOps, type LiveMessageTiming } from "../shared/live-message.js";
import { followTurn, type Draft } from "../shared/turn-stream.js";
import { renderActivity } from "./render-card.js";

/**
 * Teams throttles a bot per conversation (about 7 operations a second, 60 in 30 s): the typing indicator
 * comes first, the answer's message after two seconds of work, then at most one update a second.
 */
export const TEAMS_LIVE_TIMING: LiveMessageTiming = { firstAfterMs: 2000, intervalMs: 1000 };

function draftText(draft: Draft): string {
  if (draft.text.trim()) return `${draft.text.trimEnd()} …`;
  return draft.status ? `_${draft.status}_` : "";
}

/**
 * One turn into a Teams conversation: a typing activity once the turn has run `typingAfterMs`, then — for a
 * turn still running after `timing.firstAfterMs` — the answer so far as a message, updated in place
 * (`updateActivity`, throttled) as it streams, and finally replaced by the rendered answer (text or Adaptive
 * Card). A quick turn sends its answer only. Throws the turn's failure after telling the user.
 */
export async function answerTurn(
  context: TurnContext,
  events: AsyncIterable<TurnEvent>,
  options: { timing: LiveMessageTiming; typingAfterMs: number; failed: string; logger: Logger },
): Promise<void> {
  const typing = setTimeout(() => {
    context.sendActivity({ type: ActivityTypes.Typing }).catch((e: unknown) => options.logger.debug({ err: e }, "typing indicator not sent"));
  }, options.typingAfterMs);
  let activityId: string | undefined;
  const ops: LiveMessageOps = {
    async post(text) {
      clearTimeout(typing);
      activityId = (await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: "markdown" }))?.id;
      if (!activityId) throw new Error("the channel returned no activity id");
    },
    async edit(text) {
      await context.updateActivity({ type: ActivityTypes.Message, id: activityId, text, textFormat: "markdown" });
    },
  };
  const live = createLiveMessage(ops, options.timing, options.logger);
  try {
    let replies;
    try {
      replies = await followTurn(events, (draft) => {
        const text = draftText(draft);
        if (text) live.show(text);
      });
    } catch (error) {
      clearTimeout(typing);
      await ((await live.settle()) ? ops.edit(options.failed) : context.sendActivity(options.failed)).catch((e: unknown) =>
        options.logger.warn({ err: e }, "teams failure notice not sent"),
      );
      throw error;
    }
    clearTimeout(typing);
    const [first, ...rest] = replies;
    if (await live.settle()) {
      if (!first || !first.text) await context.deleteActivity(activityId!);
      else {
        const rendered = renderActivity(first);
        // An update replaces the whole activity: text and attachments both, so a card replaces the draft text.
        await context.updateActivity({ text: "", attachments: [], ...rendered, id: activityId }).catch(async (error: unknown) => {
          options.logger.warn({ err: error }, "teams live message not finished; sending the answer");
          await context.sendActivity(rendered);
        });
      }
    } else if (first) await context.sendActivity(renderActivity(first));
    for (const reply of rest) await context.sendActivity(renderActivity(reply));
  } finally {
    clearTimeout(typing);
  }
}
