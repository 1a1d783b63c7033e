import { randomUUID } from "node:crypto";
import express, { Router, type Request } from "express";
import { AppError, NotFoundError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import type { ConversationHandler, OutboundMessage } from "../../src/core/ports.js";
import type { RateLimiter } from "../shared/rate-limiter.js";
import { ChatRequest, parseRequest } from "./chat-request.js";
import { webVisitorOf } from "./visitor.js";
import { turnEvents } from "../shared/turn-stream.js";
import { openEventStream, type EventStream } from "./event-stream.js";

export const WEB_CHAT_STREAM_PATH = "/api/chat/stream";

export interface WebChatStreamDeps {
  /** Streams when it has the streaming form (`StreamingConversationHandler`); otherwise the answer comes whole. */
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
  /** Comment line interval that keeps idle connections open (default 15 s). */
  heartbeatMs?: number;
}

function visitorKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * `POST /api/chat/stream {conversationId?, text}`: the web chat turn of `POST /api/chat`, answered as
 * Server-Sent Events — `conversation` {conversationId} first, `typing` while the agent works, then as the turn
 * runs `status` {text} lines, `delta` {text} pieces of the answer and `replace` {text} when the text so far is
 * void, then a `message` {conversationId, text, intent} per answer, and `done` {conversationId, intent} last
 * (`error` {error, reason} instead when the turn fails). Bad input and unknown conversations are refused before
 * the stream opens, with the same JSON errors as `/api/chat`. The caller is always a prospect.
 */
export function createWebChatStreamRoutes(deps: WebChatStreamDeps): Router {
  const log = deps.logger.child({ channel: "web" });
  const heartbeatMs = deps.heartbeatMs ?? 15_000;

  function sendMessages(stream: EventStream, conversationId: string, replies: OutboundMessage[]): void {
    replies.forEach((reply, index) => {
      // The stream told the first answer; any further one (none today) arrives whole.
      if (index > 0 && reply.text) stream.send("delta", { text: reply.text });
      const invite = reply.data?.invite as { ics?: unknown } | undefined;
      stream.send("message", { conversationId, text: reply.text, intent: reply.intent, ...(typeof invite?.ics === "string" ? { ics: invite.ics } : {}) });
    });
    stream.send("done", { conversationId, intent: replies[0]?.intent ?? "opt_out" });
  }

  const router = Router();
  router.post(WEB_CHAT_STREAM_PATH, express.json({ limit: deps.bodyLimitBytes ?? 32 * 1024, strict: false }), async (req, res) => {
    const body = parseRequest(ChatRequest, req.body);
    if (deps.rateLimiter) {
      const decision = await deps.rateLimiter.take(visitorKey(req));
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
      const events = turnEvents(deps.handler, {
        channel: "web",
        conversationId,
        actor: { id: conversationId, role: "prospect", tenant: deps.tenant },
        text: body.text,
        visitor: webVisitorOf(req),
        ...(body.timeZone ? { timeZone: body.timeZone } : {}),
        ...(body.locale ? { locale: body.locale } : {}),
      });
      let finished = false;
      for await (const event of events) {
        if (event.type === "token") stream.send("delta", { text: event.text });
        else if (event.type === "status") stream.send("status", { text: event.text });
        else if (event.type === "replace") stream.send("replace", { text: event.text });
        else {
          sendMessages(stream, conversationId, event.messages);
          finished = true;
        }
      }
      if (!finished) throw new Error("the turn ended without an answer");
    } catch (error) {
      // an expected refusal (the conversation busy with an earlier turn: 409 on /api/chat) keeps its code
      if (error instanceof AppError && error.status < 500) {
        log.info({ code: error.code, conversation: conversationId, requestId: res.locals.requestId }, "web chat turn refused");
        stream.send("error", { error: error.code, reason: error.message });
      } else {
        log.error({ err: error, conversation: conversationId, requestId: res.locals.requestId }, "web chat turn failed");
        stream.send("error", { error: "internal", reason: "the assistant could not answer; please try again" });
      }
    } finally {
      stream.end();
    }
  });
  return router;
}
