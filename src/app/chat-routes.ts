import { randomUUID } from "node:crypto";
import express, { Router } from "express";
import type { RateLimiter } from "../../channels/shared/rate-limiter.js";
import { ChatRequest, ConversationId, parseRequest } from "../../channels/web/chat-request.js";
import { webVisitorOf } from "../../channels/web/visitor.js";
import type { Config } from "../core/config.js";
import { AppError, NotFoundError } from "../core/errors.js";
import type { ConversationHandler, OutboundMessage } from "../core/ports.js";
import type { ConversationsRepo } from "../infra/postgres/conversations-repo.js";

/** A calendar invite the turn produced, as `ics` text the client can offer for download. */
function inviteOf(replies: readonly OutboundMessage[]): { ics?: string } {
  const invite = replies.find((r) => r.data?.invite)?.data?.invite as { ics?: unknown } | undefined;
  return typeof invite?.ics === "string" ? { ics: invite.ics } : {};
}

/**
 * Web chat API. The caller is always a prospect: nothing in the request can claim another role, so the
 * graph's access policy sees an anonymous visitor whatever the message says.
 */
export function createChatRoutes(deps: {
  handler: ConversationHandler;
  conversations: ConversationsRepo;
  config: Config;
  rateLimiter?: RateLimiter;
}): Router {
  const router = Router();
  const json = express.json({ limit: deps.config.server.bodyLimitBytes, strict: false });

  router.post("/api/chat", json, async (req, res) => {
    const body = parseRequest(ChatRequest, req.body);
    const decision = await deps.rateLimiter?.take(req.ip ?? req.socket.remoteAddress ?? "unknown");
    if (decision && !decision.allowed) {
      res.set("retry-after", String(Math.ceil(decision.retryAfterMs / 1000)));
      throw new AppError("too many messages; please wait a moment", 429, "rate_limited");
    }
    let conversationId = body.conversationId;
    if (conversationId) {
      if (!(await deps.conversations.find("web", conversationId))) {
        throw new NotFoundError(`unknown conversation ${conversationId}`);
      }
    } else {
      conversationId = randomUUID();
    }
    const replies = await deps.handler({
      channel: "web",
      conversationId,
      actor: { id: conversationId, role: "prospect", tenant: deps.config.tenant },
      text: body.text,
      visitor: webVisitorOf(req),
      ...(body.timeZone ? { timeZone: body.timeZone } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
    });
    res.json({
      conversationId,
      reply: replies.map((r) => r.text).join("\n\n"),
      intent: replies[0]?.intent ?? "opt_out",
      ...inviteOf(replies),
      ...(replies.some((r) => r.data?.held) ? { held: true } : {}),
    });
  });

  router.get("/api/chat/:conversationId", async (req, res) => {
    const id = parseRequest(ConversationId, req.params.conversationId);
    const conversation = await deps.conversations.find("web", id);
    if (!conversation) throw new NotFoundError(`unknown conversation ${id}`);
    const messages = await deps.conversations.messages(conversation.id);
    res.json({
      conversationId: id,
      messages: messages.map((m) => ({
        role: m.sender,
        text: m.text,
        intent: m.intent,
        at: m.createdAt.toISOString(),
      })),
    });
  });

  return router;
}
