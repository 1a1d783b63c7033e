import type { Channel } from "./domain.js";

/** Actions that wait for a person's approval when APPROVAL_REQUIRED is on. */
export type ApprovalAction = "send_follow_up" | "log_crm_note" | "update_deal_next_step";

/** What a human sees before deciding: who or what is affected, and the text as it would go out. */
export interface ApprovalPreview {
  /** One line: "Email to Jane Doe <jane@globex.example>: Next steps". */
  summary: string;
  /** Labelled fields shown to the approver (recipient, subject, body, deal…), in order. */
  fields: { label: string; value: string }[];
  /** The field an approver may rewrite in a free-text reply (the message body, the note, the next step). */
  editable: string;
}

/** The value a tool passes to LangGraph `interrupt()`: JSON only, it is kept in the checkpoint. */
export interface ApprovalRequest {
  kind: "approval";
  action: ApprovalAction;
  preview: ApprovalPreview;
  /** The tool input as requested (validated); an edit is merged into it and validated with the same schema. */
  input: Record<string, unknown>;
  requestedBy: string;
}

export type ApprovalDecisionKind = "approve" | "edit" | "reject";

/** The value the graph is resumed with: `new Command({ resume: decision })`. */
export interface ApprovalDecision {
  decision: ApprovalDecisionKind;
  /** Fields of the tool input replaced by the approver (decision "edit"). */
  edits?: Record<string, unknown>;
  decidedBy: string;
}

export type ApprovalStatus = "pending" | "approved" | "edited" | "rejected";

export interface ApprovalRecord {
  id: string;
  threadId: string;
  interruptId: string;
  action: ApprovalAction;
  summary: string;
  preview: ApprovalPreview;
  status: ApprovalStatus;
  requestedBy: string;
  /** The requester's channel and conversation (channel's own id), where the outcome is told. */
  channel: Channel;
  conversation: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  resumedAt: Date | null;
  outcome: string | null;
  slackPost: { channel: string; ts: string } | null;
  createdAt: Date;
}

export type DecideResult =
  | { status: "decided"; approval: ApprovalRecord; outcome: string }
  | { status: "already_decided"; approval: ApprovalRecord }
  | { status: "not_found" }
  | { status: "not_allowed"; reason: string }
  | { status: "invalid_edit"; reason: string };

/** Who decides: a manager's channel identity (`slack:U…`, `teams:…`) or an operator. */
export interface Approver {
  id: string;
  name: string;
}

/** What approvers can do from any surface (Slack buttons, a Teams card, the operator API). */
export interface ApprovalDesk {
  decide(input: { id: string; decision: ApprovalDecisionKind; edits?: Record<string, unknown>; approver: Approver }): Promise<DecideResult>;
  find(id: string): Promise<ApprovalRecord | undefined>;
  /** The approval whose Slack post this is, to accept an edited text reply in its thread. */
  findBySlackPost(post: { channel: string; ts: string }): Promise<ApprovalRecord | undefined>;
}

/** Asks approvers (Slack channel or thread, Teams conversation) and tells them what was decided. */
export interface ApprovalNotifier {
  /** Posts the request; returns the Slack post when one was made (its thread takes edited text replies). */
  ask(approval: ApprovalRecord): Promise<{ slackPost?: { channel: string; ts: string } }>;
  decided(approval: ApprovalRecord, outcome: string): Promise<void>;
}

/** Tells a rep something later, in the conversation they asked in (Slack thread, Teams chat, web log). */
export interface RequesterNotifier {
  tell(where: { channel: Channel; conversation: string; requestedBy: string }, text: string): Promise<boolean>;
}

export interface ApprovalAuditEntry {
  event: "requested" | "approved" | "edited" | "rejected" | "completed";
  actor: string;
  at: Date;
  action: ApprovalAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: string | null;
}

/** The approvals table and its append-only audit (src/infra/postgres/approvals-repo.ts). */
export interface ApprovalStore {
  /** Records a paused action once per (thread, interrupt); a second call returns the same approval. */
  create(input: { threadId: string; interruptId: string; request: ApprovalRequest; channel: Channel; conversation: string }): Promise<ApprovalRecord>;
  setSlackPost(id: string, post: { channel: string; ts: string }): Promise<void>;
  find(id: string): Promise<ApprovalRecord | undefined>;
  findBySlackPost(post: { channel: string; ts: string }): Promise<ApprovalRecord | undefined>;
  listPending(): Promise<ApprovalRecord[]>;
  /** The thread's approval whose graph has not been resumed yet (pending, or decided and resuming). */
  openForThread(threadId: string): Promise<ApprovalRecord | undefined>;
  /**
   * pending → the decision, in one `update … where status = 'pending' returning`: of two processes deciding at
   * once exactly one gets the row (and resumes the graph); the other gets undefined. Audited in the same
   * transaction.
   */
  claim(input: { id: string; status: Exclude<ApprovalStatus, "pending">; decidedBy: string; after: Record<string, unknown> | null }): Promise<ApprovalRecord | undefined>;
  /** The graph was resumed: what happened, audited. */
  complete(id: string, outcome: string, after: Record<string, unknown> | null): Promise<void>;
  audit(id: string): Promise<ApprovalAuditEntry[]>;
}
