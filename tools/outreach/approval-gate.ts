import { interrupt } from "@langchain/langgraph";
import type { z } from "zod";
import type { ApprovalAction, ApprovalDecision, ApprovalPreview, ApprovalRequest } from "../../src/core/approvals.js";

export type GateVerdict<T> =
  | { go: true; input: T; approvedBy?: string; edited: boolean }
  | { go: false; rejectedBy: string }
  | { go: false; invalidEdit: string };

/**
 * Pauses the graph for a person's decision before a side effect, when approvals are required. The tool runs
 * inside a graph node (or a ToolNode), so `interrupt()` stops the run here and the graph is resumed later with
 * `new Command({ resume: ApprovalDecision })`; the node then runs again and `interrupt()` returns the decision.
 * Edits are merged into the requested input and validated with the tool's own schema.
 */
export function awaitApproval<S extends z.ZodType>(options: {
  required: boolean;
  action: ApprovalAction;
  preview: ApprovalPreview;
  input: z.infer<S>;
  schema: S;
  requestedBy: string;
}): GateVerdict<z.infer<S>> {
  if (!options.required) return { go: true, input: options.input, edited: false };
  const request: ApprovalRequest = {
    kind: "approval",
    action: options.action,
    preview: options.preview,
    input: structuredClone(options.input) as Record<string, unknown>,
    requestedBy: options.requestedBy,
  };
  const decision = interrupt<ApprovalRequest, ApprovalDecision>(request);
  return applyDecision(options.schema, options.input, decision);
}

/** What a decision means for the input: the input itself, the input as edited, or nothing at all. */
export function applyDecision<S extends z.ZodType>(schema: S, input: z.infer<S>, decision: ApprovalDecision): GateVerdict<z.infer<S>> {
  if (decision?.decision === "approve") return { go: true, input, approvedBy: decision.decidedBy, edited: false };
  if (decision?.decision === "edit") {
    const parsed = schema.safeParse({ ...(input as object), ...(decision.edits ?? {}) });
    if (!parsed.success) return { go: false, invalidEdit: parsed.error.issues[0]?.message ?? "invalid edit" };
    return { go: true, input: parsed.data, approvedBy: decision.decidedBy, edited: true };
  }
  // Anything but approve or edit (reject, or a value we do not understand) never carries the action out.
  return { go: false, rejectedBy: decision?.decidedBy ?? "unknown" };
}
