import express, { Router, type Request, type Response } from "express";
import { z } from "zod";
import { parseRequest } from "../../channels/web/chat-request.js";
import { AppError, NotFoundError } from "../core/errors.js";
import type { HandoffInbox } from "../core/ports.js";
import type { HandoffsRepo } from "../infra/postgres/handoffs-repo.js";
import type { OperatorAuditEntry } from "../infra/postgres/operator-audit-repo.js";
import { cleanTextSchema } from "../core/inbound-text.js";
import { operatorOf, requireOperator } from "./operator-auth.js";

/** Control characters are removed and a lone surrogate refused before the text is stored (core/inbound-text). */
export const PersonMessage = z.object({
  text: cleanTextSchema("text is required and must be a string").pipe(
    z.string().trim().min(1, "text must not be empty").max(4000, "text must be at most 4000 characters"),
  ),
  author: cleanTextSchema("author must be a string")
    .pipe(z.string().trim().min(1, "author must not be empty").max(80, "author must be at most 80 characters"))
    .optional(),
});

export const Release = z.object({ author: z.string().trim().min(1).max(80).optional() }).optional();

const ConversationParam = z.string().min(1).max(100, "conversation id must be at most 100 characters");

/**
 * The human inbox over HTTP, behind the operator token: the hand-off queue, a person's message to a prospect
 * (which takes the conversation over) and the release that hands it back to the assistant. `:id` is the
 * conversation id `GET /api/handoffs` shows (the channel's own: web chat id or phone number).
 */
export function createOperatorRoutes(deps: {
  inbox: HandoffInbox;
  handoffs: HandoffsRepo;
  apiToken?: string;
  bodyLimitBytes: number;
  defaultAuthor: string;
  /** Every listing and action is recorded: who (token fingerprint or loopback), what, when, from where. */
  audit?: { record(entry: OperatorAuditEntry): Promise<void> };
}): Router {
  const router = Router();
  const operator = requireOperator(deps.apiToken);
  async function audit(req: Request, res: Response, entry: Omit<OperatorAuditEntry, "actor" | "clientIp">): Promise<void> {
    await deps.audit?.record({ actor: operatorOf(res)?.actor ?? "unknown", clientIp: req.ip, ...entry });
  }
  const json = express.json({ limit: deps.bodyLimitBytes, strict: false });

  router.get("/api/handoffs", operator, async (req, res) => {
    const handoffs = await deps.handoffs.listOpen();
    // the listing holds visitors' names, emails, phones and words: recorded before it is shown
    await audit(req, res, { action: "list_handoffs", items: handoffs.length });
    res.json({
      handoffs: handoffs.map((h) => ({
        id: h.id,
        kind: h.kind,
        status: h.status,
        summary: h.summary,
        reason: h.reason,
        conversationId: h.conversation.externalId,
        channel: h.conversation.channel,
        heldBy: h.heldBy,
        notes: h.notes,
        slackThread: h.thread ?? null,
        createdAt: h.createdAt,
      })),
    });
  });

  router.post("/api/conversations/:id/messages", operator, json, async (req, res) => {
    const id = parseRequest(ConversationParam, req.params.id);
    const body = parseRequest(PersonMessage, req.body);
    const author = body.author ?? deps.defaultAuthor;
    await audit(req, res, { action: "reply", target: id });
    const result = await deps.inbox.reply({ target: { conversationId: id }, person: { id: `operator:${author}`, name: author }, text: body.text });
    if (result.status === "unknown") throw new NotFoundError(`unknown conversation ${id}`);
    if (result.status === "not_delivered") throw new AppError(`not delivered: ${result.reason}`, 409, "not_delivered");
    res.json({ conversationId: result.conversationId, channel: result.channel, messageId: result.messageId, held: true, author });
  });

  router.post("/api/conversations/:id/release", operator, json, async (req, res) => {
    const id = parseRequest(ConversationParam, req.params.id);
    const author = parseRequest(Release, req.body)?.author ?? deps.defaultAuthor;
    await audit(req, res, { action: "release", target: id });
    const result = await deps.inbox.release({ target: { conversationId: id }, person: { id: `operator:${author}`, name: author } });
    if (result.status === "unknown") throw new NotFoundError(`unknown conversation ${id}`);
    res.json({ conversationId: result.conversationId, held: false, handoffId: result.handoffId ?? null });
  });

  return router;
}
