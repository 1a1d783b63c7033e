/**
 * What the marketing engine writes (playbook firings, tasks, sends, segment changes, campaigns) and the event
 * log it reads back; implemented in src/infra/postgres/marketing-store.ts. Every write that an event or a
 * campaign can repeat takes a deterministic id, so a redelivered job changes nothing.
 */

export interface StoredEvent {
  id: string;
  type: string;
  occurredAt: Date;
  contactId?: string;
  accountId?: string;
  data: Record<string, unknown>;
  source: string;
  /** Set once every playbook has been evaluated for it. */
  processedAt?: Date;
}

export type FiringStatus = "fired" | "suppressed" | "done";

export interface FiringRecord {
  eventId: string;
  playbookId: string;
  ruleVersion: number;
  configHash: string;
  status: FiringStatus;
  reason: string | null;
  contactId: string | null;
  actions: unknown[];
  firedAt: Date;
}

export type SendStatus = "pending_approval" | "approved" | "sent" | "rejected" | "suppressed" | "alerted";

export interface SendRecord {
  id: string;
  campaignId: string | null;
  playbookId: string | null;
  contactId: string | null;
  accountId: string | null;
  channel: string;
  subject: string | null;
  body: string;
  status: SendStatus;
  reason: string | null;
  scheduledAt: Date;
  decidedBy: string | null;
  sentAt: Date | null;
}

export interface CampaignRecord {
  id: string;
  name: string;
  objective: string;
  spec: Record<string, unknown>;
  plan: Record<string, unknown> | null;
  status: "planned" | "launched" | "completed";
  createdAt: Date;
  launchedAt: Date | null;
}

export interface CampaignTouch {
  campaignId: string;
  sendId: string | null;
  contactId: string | null;
  channel: string;
  kind: string;
  at: Date;
}

export interface MarketingStore {
  /** Stores the event unless its id is known; `inserted` false means a redelivery. */
  recordEvent(event: StoredEvent): Promise<{ inserted: boolean }>;
  event(id: string): Promise<StoredEvent | undefined>;
  markProcessed(id: string, at: Date): Promise<void>;
  /** Inserts the (event, playbook) firing unless one exists; returns the stored status either way. */
  claimFiring(firing: Omit<FiringRecord, "firedAt">, at: Date): Promise<{ claimed: boolean; status: FiringStatus }>;
  completeFiring(eventId: string, playbookId: string): Promise<void>;
  /** Firings (fired or done) of a playbook for a contact on events that occurred at or after `since`, other than this event's. */
  countFirings(playbookId: string, contactId: string, since: Date, exceptEventId: string): Promise<number>;
  firings(filter?: { playbookId?: string }): Promise<FiringRecord[]>;
  createTask(task: { id: string; title: string; contactId?: string; accountId?: string; assignee?: string; dueAt?: Date; source: string }): Promise<void>;
  changeSegment(change: { id: string; contactId?: string; accountId?: string; segment: string; source: string; at: Date }): Promise<void>;
  /** Inserts the send unless its id exists; returns the stored record. */
  recordSend(send: Omit<SendRecord, "decidedBy" | "sentAt">): Promise<SendRecord>;
  send(id: string): Promise<SendRecord | undefined>;
  updateSend(id: string, change: { status: SendStatus; decidedBy?: string; sentAt?: Date; body?: string; subject?: string | null }): Promise<void>;
  /** Sends to a contact (any campaign or playbook, not suppressed or rejected) scheduled in [from, to). */
  sendsToContact(contactId: string, from: Date, to: Date): Promise<number>;
  sends(filter: { campaignId?: string; status?: SendStatus }): Promise<SendRecord[]>;
  saveCampaign(campaign: Omit<CampaignRecord, "createdAt" | "launchedAt">): Promise<void>;
  campaign(id: string): Promise<CampaignRecord | undefined>;
  markLaunched(id: string, at: Date): Promise<boolean>;
  addCampaignTouch(touch: CampaignTouch): Promise<void>;
  campaignTouches(campaignId: string): Promise<CampaignTouch[]>;
}
