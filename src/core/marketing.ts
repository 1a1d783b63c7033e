/**
 * Ports for the marketing engine (tools/profile, tools/journey, tools/abm, tools/playbooks, tools/campaigns):
 * read models over the CRM and the conversation log, and the stores the engine writes (events, playbook
 * firings, tasks, campaigns). Implementations live in src/infra/postgres/marketing-repo.ts.
 */

export interface AccountRecord {
  id: string;
  name: string;
  sector: string;
  employees: number | null;
  revenueMusd: number | null;
  region: string;
  country: string | null;
  ownerRepId: string | null;
  ownerName: string | null;
}

export interface ContactRecord {
  id: string;
  accountId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  timeZone: string | null;
}

/** One touchpoint, whatever recorded it: a CRM activity, a conversation on a channel, or a call transcript. */
export interface Touch {
  at: Date;
  /** email, call, meeting, demo, note, chat, sms, webinar (activities); web, slack, teams (conversations); transcript. */
  channel: string;
  direction: "inbound" | "outbound" | null;
  source: "activity" | "conversation" | "transcript";
  subject: string;
  outcome: string | null;
  accountId: string | null;
  contactId: string | null;
  dealId: string | null;
}

export interface DealRecord {
  id: string;
  name: string;
  accountId: string;
  product: string;
  stage: string;
  amount: number;
  closeValue: number | null;
  engagedAt: Date;
  closedAt: Date | null;
  expectedCloseDate: string | null;
  ownerRepId: string;
}

/** A closed or open deal with its touchpoints in order: the unit of journey analysis and attribution. */
export interface Journey {
  dealId: string;
  accountId: string;
  outcome: "won" | "lost" | "open";
  /** Close value of a won deal (its amount when no close value is recorded), else the amount. */
  value: number;
  closedAt: Date | null;
  stages: { stage: string; at: Date }[];
  touches: { channel: string; direction: "inbound" | "outbound" | null; outcome: string | null; at: Date }[];
}

export interface MarketingCrm {
  listAccounts(): Promise<AccountRecord[]>;
  account(id: string): Promise<AccountRecord | undefined>;
  contact(id: string): Promise<ContactRecord | undefined>;
  /** Contacts by name, email or phone (case-insensitive), best first. */
  searchContacts(text: string): Promise<ContactRecord[]>;
  contactsOf(accountId: string): Promise<ContactRecord[]>;
  dealsOf(accountId: string): Promise<DealRecord[]>;
  /** Activities, conversations (by contact) and transcripts (by account) of an account or a contact, newest first. */
  touchesOf(filter: { accountId?: string; contactId?: string }, limit?: number): Promise<Touch[]>;
  /** Every deal with its stage history and the customer touches logged on it up to its close (no internal notes), oldest first. */
  journeys(): Promise<Journey[]>;
  /** Every activity since a date, for engagement (intent) scoring. */
  touchesSince(since: Date): Promise<{ accountId: string; channel: string; direction: "inbound" | "outbound" | null; at: Date }[]>;
  /** The CRM contact and account a conversation is linked to, when it is. */
  conversationContact(conversationId: string): Promise<{ contactId?: string; accountId?: string }>;
  /** The latest segmentation run's label for an account, and the accounts under a label. */
  segmentLabelOf(accountId: string): Promise<string | undefined>;
  segmentMembers(label: string): Promise<string[]>;
  /** Whether the contact has withdrawn consent on any channel (consent is per contact). */
  consentWithdrawn(contactId: string): Promise<boolean>;
}
