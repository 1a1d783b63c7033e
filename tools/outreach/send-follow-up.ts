import type { Clock } from "../../src/core/clock.js";
import type { Logger } from "../../src/core/logger.js";
import type { ApprovalPreview } from "../../src/core/approvals.js";
import type { ConsentCheck, OutboundSms, OutreachCrm, OutreachRecipient } from "../../src/core/outreach.js";
import type { InviteMailer } from "../booking/mailer.js";
import { defineTool } from "../registry.js";
import { awaitApproval } from "./approval-gate.js";
import { resolveRecipient } from "./recipients.js";
import { SendFollowUpInput } from "./schema.js";

export type SendFollowUpOutput =
  | { status: "sent"; channel: "email" | "sms"; to: { id: string; name: string; address: string }; subject?: string; body: string; approvedBy?: string; edited: boolean }
  | { status: "rejected"; decidedBy: string }
  | { status: "deferred"; reason: "quiet_hours"; until: string }
  | { status: "blocked"; reason: "no_consent" | "no_address" | "not_configured" | "carrier"; detail: string }
  | { status: "not_found"; detail: string }
  | { status: "ambiguous"; detail: string; candidates: { id: string; name: string; company: string | null }[] }
  | { status: "invalid_edit"; detail: string }
  | { status: "failed"; detail: string };

export interface SendFollowUpDeps {
  crm: OutreachCrm;
  consents: ConsentCheck;
  mailer: InviteMailer;
  sms: OutboundSms;
  approvalRequired: boolean;
  clock: Clock;
  logger: Logger;
}

export function contactKeys(r: Pick<OutreachRecipient, "email" | "phone">): string[] {
  return [...(r.email ? [`email:${r.email.toLowerCase()}`] : []), ...(r.phone ? [`phone:${r.phone}`] : [])];
}

export function followUpPreview(input: SendFollowUpInput, r: OutreachRecipient, address: string): ApprovalPreview {
  const how = input.channel === "email" ? "Email" : "SMS";
  return {
    summary: `${how} to ${r.name}${r.company ? ` (${r.company})` : ""} <${address}>${input.subject && input.channel === "email" ? `: ${input.subject}` : ""}`,
    fields: [
      { label: "To", value: `${r.name} <${address}>` },
      ...(input.channel === "email" ? [{ label: "Subject", value: input.subject ?? "(no subject)" }] : []),
      { label: "Message", value: input.body },
    ],
    editable: "body",
  };
}

/**
 * Internal: sends a follow-up email or SMS to a CRM contact or lead. The address comes from the CRM, consent is
 * checked for every key of the person (an SMS opt-out silences email too) before asking and again before
 * sending, SMS respects quiet hours in the person's zone, and with APPROVAL_REQUIRED the graph pauses for a
 * person's decision first. A rejected follow-up is never sent; an edited one is sent as edited.
 */
export function createSendFollowUpTool(deps: SendFollowUpDeps) {
  const log = deps.logger.child({ tool: "send_follow_up" });

  async function check(input: SendFollowUpInput): Promise<{ ok: true; r: OutreachRecipient; address: string } | { ok: false; out: SendFollowUpOutput }> {
    const found = await resolveRecipient(deps.crm, input.to);
    if (found.status !== "found") return { ok: false, out: found };
    const r = found.recipient;
    const address = input.channel === "email" ? r.email : r.phone;
    if (!address) return { ok: false, out: { status: "blocked", reason: "no_address", detail: `the CRM has no ${input.channel === "email" ? "email address" : "phone number"} for ${r.name}` } };
    const withdrawn =
      input.channel === "sms"
        ? await deps.consents.isWithdrawn("sms", address, contactKeys(r))
        : await deps.consents.isWithdrawn("web", `email:${address.toLowerCase()}`, contactKeys(r));
    if (withdrawn) return { ok: false, out: { status: "blocked", reason: "no_consent", detail: `${r.name} has opted out of messages` } };
    if (input.channel === "email" && !deps.mailer.enabled) return { ok: false, out: { status: "blocked", reason: "not_configured", detail: "email is not configured (SMTP_URL)" } };
    if (input.channel === "sms" && !deps.sms.enabled) return { ok: false, out: { status: "blocked", reason: "not_configured", detail: "SMS is not configured (TWILIO_*)" } };
    return { ok: true, r, address };
  }

  return defineTool({
    name: "send_follow_up",
    description:
      "Send a follow-up email or SMS to a CRM contact or lead (named by id or name; the address comes from the CRM). Waits for a manager's approval when approvals are required; the result says whether it was sent, rejected, deferred or blocked.",
    audience: "internal",
    schema: SendFollowUpInput,
    run: async (input, context): Promise<SendFollowUpOutput> => {
      const first = await check(input);
      if (!first.ok) return first.out;
      const verdict = awaitApproval({
        required: deps.approvalRequired,
        action: "send_follow_up",
        preview: followUpPreview(input, first.r, first.address),
        input,
        schema: SendFollowUpInput,
        requestedBy: context.actor.id,
      });
      if (!verdict.go) {
        return "rejectedBy" in verdict ? { status: "rejected", decidedBy: verdict.rejectedBy } : { status: "invalid_edit", detail: verdict.invalidEdit };
      }
      // Consent may have changed while the request waited, and an edit may name someone else.
      const final = verdict.edited ? await check(verdict.input) : await check(input);
      if (!final.ok) return final.out;
      const sendInput = verdict.input;
      const { r, address } = final;
      const base = { channel: sendInput.channel, to: { id: r.id, name: r.name, address }, body: sendInput.body, approvedBy: verdict.approvedBy, edited: verdict.edited };
      if (sendInput.channel === "email") {
        const subject = sendInput.subject ?? "Following up";
        try {
          await deps.mailer.send({ to: address, subject, text: sendInput.body });
        } catch (error) {
          log.warn({ err: error, recipient: r.id }, "follow-up email not sent");
          return { status: "failed", detail: `the mail server did not accept the email: ${(error as Error).message}` };
        }
        await logActivity(deps, r, "email", subject, sendInput.dealId, context.actor.id);
        return { status: "sent", ...base, subject };
      }
      const result = await deps.sms.send(address, sendInput.body, r.timeZone ?? undefined);
      if (result.status === "deferred") return { status: "deferred", reason: "quiet_hours", until: result.until.toISOString() };
      if (result.status === "blocked") return { status: "blocked", reason: result.reason === "no_consent" ? "no_consent" : "carrier", detail: result.reason };
      if (result.status === "failed") return { status: "failed", detail: result.error };
      await logActivity(deps, r, "sms", sendInput.body.slice(0, 120), sendInput.dealId, context.actor.id);
      return { status: "sent", ...base };
    },
  });
}

async function logActivity(deps: SendFollowUpDeps, r: OutreachRecipient, kind: "email" | "sms", subject: string, dealId: string | undefined, by: string) {
  try {
    await deps.crm.logActivity({
      kind,
      subject,
      dealId,
      ...(r.kind === "contact" ? { contactId: r.id } : { leadId: r.id }),
      repEmailOrId: by,
      at: deps.clock.now(),
    });
  } catch (error) {
    // The message went out; a failed CRM log must not make the tool report otherwise.
    deps.logger.warn({ err: error, recipient: r.id }, "follow-up sent but not logged in the CRM");
  }
}
