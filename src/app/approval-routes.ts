import express, { Router } from "express";
import { z } from "zod";
import { parseRequest } from "../../channels/web/chat-request.js";
import type { ApprovalDesk, ApprovalRecord, ApprovalStore } from "../core/approvals.js";
import { AppError, BadInputError, ForbiddenError, NotFoundError } from "../core/errors.js";
import { requireOperator } from "./operator-auth.js";

export const Decision = z.object({
  decision: z.enum(["approve", "edit", "reject"], { error: "decision must be approve, edit or reject" }),
  edits: z.record(z.string(), z.unknown()).optional(),
  author: z.string().trim().min(1).max(80).optional(),
});

const IdParam = z.string().regex(/^AP-\d{1,12}$/, "approval id looks like AP-12");

export function approvalJson(a: ApprovalRecord) {
  return {
    id: a.id,
    action: a.action,
    status: a.status,
    summary: a.summary,
    preview: a.preview,
    requestedBy: a.requestedBy,
    channel: a.channel,
    conversationId: a.conversation,
    input: a.before,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    after: a.after,
    outcome: a.outcome,
    createdAt: a.createdAt,
  };
}

/**
 * Approvals over HTTP, behind the operator token: the pending list, one approval with its audit trail, and a
 * decision — approve, edit (the changed fields, validated with the action's own schema) or reject. The decision
 * resumes the paused graph before answering; a second decision on the same approval gets 409.
 */
export function createApprovalRoutes(deps: { desk: ApprovalDesk; store: ApprovalStore; apiToken?: string; bodyLimitBytes: number; defaultAuthor: string }): Router {
  const router = Router();
  const operator = requireOperator(deps.apiToken);
  const json = express.json({ limit: deps.bodyLimitBytes, strict: false });

  router.get("/api/approvals", operator, async (_req, res) => {
    res.json({ approvals: (await deps.store.listPending()).map(approvalJson) });
  });

  router.get("/api/approvals/:id", operator, async (req, res) => {
    const id = parseRequest(IdParam, req.params.id);
    const approval = await deps.store.find(id);
    if (!approval) throw new NotFoundError(`unknown approval ${id}`);
    res.json({ ...approvalJson(approval), audit: await deps.store.audit(id) });
  });

  router.post("/api/approvals/:id", operator, json, async (req, res) => {
    const id = parseRequest(IdParam, req.params.id);
    const body = parseRequest(Decision, req.body);
    if (body.decision === "edit" && !body.edits) throw new BadInputError("edits: required when decision is edit");
    const author = body.author ?? deps.defaultAuthor;
    const result = await deps.desk.decide({ id, decision: body.decision, edits: body.edits, approver: { id: `operator:${author}`, name: author } });
    switch (result.status) {
      case "not_found":
        throw new NotFoundError(`unknown approval ${id}`);
      case "already_decided":
        throw new AppError(`${id} is already ${result.approval.status}`, 409, "already_decided");
      case "not_allowed":
        throw new ForbiddenError(result.reason);
      case "invalid_edit":
        throw new BadInputError(result.reason);
      case "decided":
        res.json({ ...approvalJson(result.approval), outcome: result.outcome });
    }
  });

  return router;
}
