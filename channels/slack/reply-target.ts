import type { RespondFn, webApi } from "@slack/bolt";
import type { LiveMessageOps } from "../shared/live-message.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import type { SlashCommand } from "./payloads.js";
import type { SlackMessageBody } from "./render-blocks.js";

/** Where a turn's answers and notices go. */
export interface SlackReplyTarget {
  answer(body: SlackMessageBody): Promise<unknown>;
  /** Seen only by the asker where Slack allows it. */
  notice(text: string): Promise<unknown>;
  /** One message that shows the answer as it streams, where Slack lets us edit it (threads and DMs). */
  live?: SlackLiveMessage;
}

/** The streamed answer's message: posted and edited with plain text, finished with the Block Kit body. */
export interface SlackLiveMessage extends LiveMessageOps {
  finish(body: SlackMessageBody): Promise<unknown>;
  remove(): Promise<unknown>;
}

/** Answers in the thread (or DM) the question came from; notices are ephemeral outside DMs. */
export function threadTarget(client: webApi.WebClient, where: { channel: string; user: string; threadTs?: string; im: boolean }): SlackReplyTarget {
  let ts: string | undefined;
  const posted = (): string => {
    if (!ts) throw new Error("the live message was not posted");
    return ts;
  };
  return {
    answer: (body) => client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, ...body, unfurl_links: false }),
    notice: (text) =>
      where.im
        ? client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text })
        : client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, text }),
    live: {
      async post(text) {
        const result = await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text, unfurl_links: false });
        ts = result.ts;
      },
      async edit(text) {
        await client.chat.update({ channel: where.channel, ts: posted(), text });
      },
      finish: (body) => client.chat.update({ channel: where.channel, ts: posted(), ...body }),
      remove: () => client.chat.delete({ channel: where.channel, ts: posted() }),
    },
  };
}

/**
 * Answers to a slash command go to the channel with the question on top; notices only to the asker. The answer
 * comes whole: a `response_url` takes a few posts only, and the command's own "Working on it…" is ephemeral.
 */
export function commandTarget(cmd: SlashCommand, respond: RespondFn): SlackReplyTarget {
  return {
    answer: (body) =>
      respond({
        response_type: "in_channel",
        text: body.text,
        blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: `<@${cmd.user_id}> asked: ${escapeMrkdwn(`${cmd.command} ${cmd.text}`.slice(0, 2000))}` }] }, ...body.blocks],
      }),
    notice: (text) => respond({ response_type: "ephemeral", text }),
  };
}
