import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import express, { Router, type Request } from "express";
import { AppError, NotFoundError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import type { ConversationHandler } from "../../src/core/ports.js";
import type { RateLimiter } from "../shared/rate-limiter.js";
import { ChatRequest, parseRequest } from "./chat-request.js";
import { openEventStream, type EventStream } from "./event-stream.js";
import { wordChunks } from "./word-chunks.js";

export const WEB_CHAT_STREAM_PATH = "/api/chat/stream";

export interface WebChatStreamDeps {
  handler: ConversationHandler;
  /** Whether a web conversation with this id exists (the conversations repository's `find("web", id)`). */
  conversationExists(conversationId: string): Promise<boolean>;
  /** The Salesgraph tenant visitors belong to (config `tenant`). */
  tenant: string;
  logger: Logger;
  /** Largest request body (config `server.bodyLimitBytes`; default 32 KB). */
  bodyLimitBytes?: number;
  /** Per-visitor (IP) limiter; none by default. */
  rateLimiter?: RateLimiter;
  /** Pause between streamed chunks (default 25 ms), so a finished answer still reads as it arrives. */
  chunkDelayMs?: number;
  /** Upper bound on the whole replay of one answer (default 1500 ms). */
  maxReplayMs?: number;
  /** Comment line interval that keeps idle connections open (default 15 s). */
  heartbeatMs?: number;
}

function visitorKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * `POST /api/chat/stream {conversationId?, text}`: the web chat turn of `POST /api/chat`, answered as
 * Server-Sent Events — `conversation` {conversationId} first, `typing` while the agent works, then for each
 * answer `delta` {text} chunks and a `message` {conversationId, text, intent}, and `done` {conversationId,
 * intent} last (`error` {error, reason} instead when the turn fails). Bad input and unknown conversations are
 * refused before the stream opens, with the same JSON errors as `/api/chat`. The caller is always a prospect.
 */
export function createWebChatStreamRoutes(deps: WebChatStreamDeps): Router {
  const log = deps.logger.child({ channel: "web" });
  const chunkDelayMs = deps.chunkDelayMs ?? 25;
  const maxReplayMs = deps.maxReplayMs ?? 1500;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;

  async function replay(stream: EventStream, text: string): Promise<void> {
    const chunks = wordChunks(text);
    const pause = Math.min(chunkDelayMs, Math.floor(maxReplayMs / Math.max(1, chunks.length)));
    for (const chunk of chunks) {
      if (stream.closed) return;
      stream.send("delta", { text: chunk });
      if (pause > 0) await sleep(pause);
    }
  }

  const router = Router();
  router.post(WEB_CHAT_STREAM_PATH, express.json({ limit: deps.bodyLimitBytes ?? 32 * 1024, strict: false }), async (req, res) => {
    const body = parseRequest(ChatRequest, req.body);
    if (deps.rateLimiter) {
      const decision = deps.rateLimiter.take(visitorKey(req));
      if (!decision.allowed) {
        res.set("retry-after", String(Math.ceil(decision.retryAfterMs / 1000)));
        throw new AppError("too many messages; please wait a moment", 429, "rate_limited");
      }
    }
    let conversationId = body.conversationId;
    if (conversationId) {
      if (!(await deps.conversationExists(conversationId))) throw new NotFoundError(`unknown conversation ${conversationId}`);
    } else {
      conversationId = randomUUID();
    }

    const stream = openEventStream(res, { heartbeatMs });
    stream.send("conversation", { conversationId });
    stream.send("typing", {});
    try {
      // The turn completes and is recorded even if the visitor leaves mid-answer.
      const replies = await deps.handler({
        channel: "web",
        conversationId,
        actor: { id: conversationId, role: "prospect", tenant: deps.tenant },
        text: body.text,
        ...(body.timeZone ? { timeZone: body.timeZone } : {}),
        ...(body.locale ? { locale: body.locale } : {}),
      });
      for (const reply of replies) {
        await replay(stream, reply.text);
        const invite = reply.data?.invite as { ics?: unknown } | undefined;
        stream.send("message", { conversationId, text: reply.text, intent: reply.intent, ...(typeof invite?.ics === "string" ? { ics: invite.ics } : {}) });
      }
      stream.send("done", { conversationId, intent: replies[0]?.intent ?? "opt_out" });
    } catch (error) {
      log.error({ err: error, conversation: conversationId, requestId: res.locals.requestId }, "web chat turn failed");
      stream.send("error", { error: "internal", reason: "the assistant could not answer; please try again" });
    } finally {
      stream.end();
    }
  });
  return router;
}
