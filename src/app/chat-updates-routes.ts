import { Router } from "express";
import { z } from "zod";
import { ConversationId, parseRequest } from "../../channels/web/chat-request.js";
import { NotFoundError } from "../core/errors.js";
import type { ConversationsRepo } from "../infra/postgres/conversations-repo.js";

const After = z.object({ after: z.string().regex(/^\d{1,18}$/, "after must be a message id").optional() });

/**
 * `GET /api/chat/:id/updates?after=<lastId>`: the web chat's log with message ids and authors, from after the
 * last id the widget has seen, and whether a person holds the conversation. The widget polls it every few
 * seconds, so a person's reply (written to the log by any process) shows up without a push channel.
 */
export function createChatUpdatesRoutes(deps: { conversations: ConversationsRepo }): Router {
  const router = Router();
  router.get("/api/chat/:conversationId/updates", async (req, res) => {
    const id = parseRequest(ConversationId, req.params.conversationId);
    const { after } = parseRequest(After, req.query);
    const conversation = await deps.conversations.find("web", id);
    if (!conversation) throw new NotFoundError(`unknown conversation ${id}`);
    const messages = await deps.conversations.messages(conversation.id, { after });
    res.set("cache-control", "no-store").json({
      conversationId: id,
      held: conversation.heldBy !== null,
      heldBy: conversation.heldByName,
      messages: messages.map((m) => ({ id: m.id, role: m.sender, author: m.author, text: m.text, intent: m.intent, at: m.createdAt.toISOString() })),
    });
  });
  return router;
}
