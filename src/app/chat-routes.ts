import { randomUUID } from "node:crypto";
import express, { Router } from "express";
import { z } from "zod";
import type { RateLimiter } from "../../channels/shared/rate-limiter.js";
import type { Config } from "../core/config.js";
import { AppError, BadInputError, NotFoundError } from "../core/errors.js";
import type { ConversationHandler } from "../core/ports.js";
import type { ConversationsRepo } from "../infra/postgres/conversations-repo.js";

const ConversationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "conversationId must be 8–100 letters, digits, '-' or '_'");

const ChatRequest = z.object({
  conversationId: ConversationId.optional(),
  text: z
    .string({ error: "text is required and must be a string" })
    .trim()
    .min(1, "text must not be empty")
    .max(4000, "text must be at most 4000 characters"),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BadInputError(issue.message);
  }
  return result.data;
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
    const body = parse(ChatRequest, req.body);
    const decision = deps.rateLimiter?.take(req.ip ?? req.socket.remoteAddress ?? "unknown");
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
    });
    res.json({
      conversationId,
      reply: replies.map((r) => r.text).join("\n\n"),
      intent: replies[0]?.intent ?? "opt_out",
    });
  });

  router.get("/api/chat/:conversationId", async (req, res) => {
    const id = parse(ConversationId, req.params.conversationId);
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
