/**
 * The CRM as call intelligence sees it (implemented in src/infra/postgres/transcripts-repo.ts): who the
 * sellers are, which deal a call belongs to, and one write that stores the analysis, logs the call as an
 * activity and moves the deal's next step.
 */
export interface CallDeal {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  ownerRepId: string;
  stage: string;
  nextStep: string | null;
}

export interface CallLogEntry {
  id: string;
  title: string;
  body: string;
  format: string;
  source: "slack" | "teams" | "api" | "cli" | "chat";
  analysis: unknown;
  deal?: CallDeal;
  /** An account matched without an open deal. */
  account?: { id: string; name: string };
  /** The CRM user who ran the call, when a rep speaker matched one. */
  repId?: string;
  /** Activity subject and outcome line ("Call: 3 objections, next step …"). */
  subject: string;
  outcome: string;
  /** New next step for the deal, when the call agreed one. */
  nextStep?: string;
  occurredAt: Date;
}

export interface CallLogResult {
  transcriptId: string;
  activityId: string | null;
  dealId: string | null;
  accountId: string | null;
  nextStepUpdated: boolean;
}

export interface CallLogStore {
  /** CRM users (reps and managers) by name and e-mail. */
  crmUsers(): Promise<{ id: string; name: string; email: string }[]>;
  accountNames(): Promise<{ id: string; name: string }[]>;
  dealById(id: string): Promise<CallDeal | undefined>;
  /** The account's open deals, largest first. */
  openDealsOf(accountId: string): Promise<CallDeal[]>;
  log(entry: CallLogEntry): Promise<CallLogResult>;
}
