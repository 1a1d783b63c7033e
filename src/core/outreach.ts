import type { Channel } from "./domain.js";

/**
 * Ports for actions that reach a prospect or write to the CRM (tools/outreach). Implementations live in
 * src/infra/postgres (CRM) and are wired by the composition root with the mailer and the SMS sender.
 */

/** A CRM person a follow-up may go to: a contact or a lead, never an address the model made up. */
export interface OutreachRecipient {
  kind: "contact" | "lead";
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  timeZone: string | null;
}

/** What a follow-up draft is written from: the person's open deal, its stage, last activity and next step. */
export interface FollowUpContext {
  dealId: string | null;
  dealName: string | null;
  stage: string | null;
  nextStep: string | null;
  lastActivity: { kind: string; subject: string; at: Date } | null;
}

export interface DealRef {
  id: string;
  name: string;
  account: string;
  nextStep: string | null;
}

export interface OutreachCrm {
  /** By contact or lead id, or by the person's name (optionally narrowed by company); best match first. */
  findRecipients(query: { id?: string; name?: string; company?: string }): Promise<OutreachRecipient[]>;
  accountNames(): Promise<string[]>;
  /** The account's contacts, most senior first ("the Globex contact"). */
  contactsOfAccount(account: string): Promise<OutreachRecipient[]>;
  followUpContext(recipient: OutreachRecipient): Promise<FollowUpContext>;
  /** By deal id or by deal/account name; best match first. */
  findDeals(query: { id?: string; name?: string }): Promise<DealRef[]>;
  logActivity(input: {
    kind: "note" | "email" | "sms";
    subject: string;
    dealId?: string;
    contactId?: string;
    leadId?: string;
    repEmailOrId?: string;
    at: Date;
  }): Promise<string>;
  /** Sets the deal's next step; returns the previous one. */
  setNextStep(dealId: string, nextStep: string): Promise<{ before: string | null }>;
}

export interface OutboundEmail {
  to: string;
  subject: string;
  text: string;
}

export type OutboundSmsResult =
  | { status: "sent"; id: string }
  | { status: "deferred"; until: Date }
  | { status: "blocked"; reason: string }
  | { status: "failed"; error: string };

/** SMS to a prospect (consent and quiet hours are checked by the implementation as well). */
export interface OutboundSms {
  readonly enabled: boolean;
  /** `timeZone`: the person's zone for quiet hours (from the CRM), else taken from the number. */
  send(to: string, text: string, timeZone?: string): Promise<OutboundSmsResult>;
}

/** The consent store as outreach needs it (src/infra/postgres/consents-repo.ts). */
export interface ConsentCheck {
  isWithdrawn(channel: Channel, identity: string, contactKeys?: readonly string[]): Promise<boolean>;
}
