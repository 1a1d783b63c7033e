import { z } from "zod";
import type { Clock } from "../../src/core/clock.js";
import { BadInputError, NotFoundError } from "../../src/core/errors.js";
import type { MarketingCrm } from "../../src/core/marketing.js";
import type { CampaignTouch, MarketingStore, SendRecord } from "../../src/core/marketing-store.js";
import { applyDecision } from "../outreach/approval-gate.js";
import { planCampaign, type AudienceMember, type CampaignPlan } from "./plan.js";
import { campaignReport, type CampaignReport } from "./report.js";
import type { CampaignSpec } from "./schema.js";

export interface CampaignContent {
  subject?: string;
  text: string;
  /** Where the text came from: a content experiment's variant, or the built-in template. */
  source: string;
}

export interface CampaignDeps {
  crm: MarketingCrm;
  store: MarketingStore;
  clock: Clock;
  /** Account ids in a segment label (from tools/segments); sectors are matched from the CRM directly. */
  segmentMembers?: (label: string) => Promise<string[]>;
  /** Three A/B variants from the content tool; absent → one plain template (said in the send's source). */
  writeContent?: (input: { segment: string; channel: "email" | "sms"; objective: string }) => Promise<CampaignContent[]>;
  approvalRequired: boolean;
  alertRep?: (text: string, accountId: string) => Promise<void>;
  /** Sends an approved message; false when no sender is configured for its channel (it stays approved). */
  deliver?: (send: SendRecord) => Promise<boolean>;
}

const EditableSend = z.object({ subject: z.string().max(200).nullable().optional(), body: z.string().min(1).max(4000) });

function template(spec: CampaignSpec, channel: "email" | "sms"): CampaignContent {
  return channel === "email"
    ? { subject: spec.name, text: `Hello {{firstName}},\n\n${spec.objective}.\n\nReply to this email and we will set it up.`, source: "template (content tool not available)" }
    : { text: `${spec.name}: ${spec.objective}. Reply STOP to opt out.`.slice(0, 160), source: "template (content tool not available)" };
}

export function createCampaignService(deps: CampaignDeps) {
  async function audience(spec: CampaignSpec): Promise<AudienceMember[]> {
    const accounts = await deps.crm.listAccounts();
    const wanted = new Set(spec.segments.map((s) => s.toLowerCase()));
    const inSegments = new Set<string>();
    for (const label of spec.segments) for (const id of (await deps.segmentMembers?.(label).catch(() => [])) ?? []) inSegments.add(id);
    const members: AudienceMember[] = [];
    for (const account of accounts.filter((a) => wanted.has(a.sector.toLowerCase()) || inSegments.has(a.id))) {
      const contacts = (await deps.crm.contactsOf(account.id)).slice(0, spec.contactsPerAccount);
      for (const contact of contacts) members.push({ account, contact, consentWithdrawn: await deps.crm.consentWithdrawn(contact.id) });
    }
    return members;
  }

  async function plan(spec: CampaignSpec): Promise<CampaignPlan> {
    const existing = (await deps.store.sends({})).filter((s) => s.campaignId !== spec.id && s.contactId && !["suppressed", "rejected"].includes(s.status) && (s.channel === "email" || s.channel === "sms"));
    const byContact = new Map<string, number[]>();
    for (const s of existing) byContact.set(s.contactId!, [...(byContact.get(s.contactId!) ?? []), s.scheduledAt.getTime()]);
    const result = planCampaign(spec, await audience(spec), (contactId, from, to) => (byContact.get(contactId) ?? []).filter((t) => t >= from.getTime() && t < to.getTime()).length);
    if (result.accounts === 0) throw new BadInputError(`no account is in ${spec.segments.join(", ")} (segment labels or sectors)`);
    await deps.store.saveCampaign({ id: spec.id, name: spec.name, objective: spec.objective, spec: spec as unknown as Record<string, unknown>, plan: result as unknown as Record<string, unknown>, status: "planned" });
    return result;
  }

  /** Queues every planned send: contact messages wait for approval (when required), alerts and tasks go out now. */
  async function launch(id: string): Promise<{ queued: number; pendingApproval: number; alerts: number; tasks: number; contentSource: string[] }> {
    const campaign = await deps.store.campaign(id);
    if (!campaign) throw new NotFoundError(`no campaign ${id}: run \`salesgraph campaign plan\` first`);
    if (campaign.status !== "planned") throw new BadInputError(`campaign ${id} is already ${campaign.status}`);
    const spec = campaign.spec as unknown as CampaignSpec;
    const planned = campaign.plan as unknown as CampaignPlan;
    const content: Partial<Record<"email" | "sms", CampaignContent[]>> = {};
    for (const channel of ["email", "sms"] as const) {
      if (!spec.channels.includes(channel)) continue;
      const written = deps.writeContent ? await deps.writeContent({ segment: spec.segments[0]!, channel, objective: spec.objective }).catch(() => []) : [];
      content[channel] = written.length ? written : [template(spec, channel)];
    }
    const now = deps.clock.now();
    let queued = 0;
    let pending = 0;
    let alerts = 0;
    let tasks = 0;
    const contacts = new Map<string, string>();
    for (const [i, s] of planned.sends.entries()) {
      if (s.channel === "task") {
        await deps.store.createTask({ id: s.id, title: `${spec.name}: ${s.step}`, accountId: s.accountId, assignee: s.to, dueAt: new Date(s.at), source: `campaign:${id}` });
        tasks += 1;
        continue;
      }
      if (s.channel === "rep_alert") {
        const text = `Campaign "${spec.name}" starts on your account ${s.accountId}: ${spec.objective}`;
        const stored = await deps.store.recordSend({ id: s.id, campaignId: id, playbookId: null, contactId: null, accountId: s.accountId, channel: "rep_alert", subject: null, body: text, status: "alerted", reason: null, scheduledAt: new Date(s.at) });
        if (!stored.sentAt) {
          await deps.alertRep?.(text, s.accountId);
          await deps.store.updateSend(s.id, { status: "alerted", sentAt: now });
        }
        alerts += 1;
        continue;
      }
      const variants = content[s.channel]!;
      const variant = variants[i % variants.length]!;
      if (s.contactId && !contacts.has(s.contactId)) contacts.set(s.contactId, (await deps.crm.contact(s.contactId))?.name.split(/\s+/)[0] ?? "there");
      const body = variant.text.replace(/\{\{\s*firstName\s*\}\}/g, contacts.get(s.contactId ?? "") ?? "there");
      // consent is checked again at launch: an opt-out after planning wins
      const withdrawn = s.contactId ? await deps.crm.consentWithdrawn(s.contactId) : false;
      await deps.store.recordSend({
        id: s.id,
        campaignId: id,
        playbookId: null,
        contactId: s.contactId,
        accountId: s.accountId,
        channel: s.channel,
        subject: variant.subject ?? null,
        body,
        status: withdrawn ? "suppressed" : deps.approvalRequired ? "pending_approval" : "approved",
        reason: withdrawn ? "consent withdrawn" : variant.source,
        scheduledAt: new Date(s.at),
      });
      queued += 1;
      if (!withdrawn && deps.approvalRequired) pending += 1;
    }
    await deps.store.markLaunched(id, now);
    return { queued, pendingApproval: pending, alerts, tasks, contentSource: [...new Set(Object.values(content).flat().map((c) => c!.source))] };
  }

  /** A person's decision on a queued send (approval flow semantics of tools/outreach/approval-gate.ts). */
  async function decide(id: string, decision: { decision: "approve" | "edit" | "reject"; edits?: Record<string, unknown>; decidedBy: string }): Promise<SendRecord> {
    const send = await deps.store.send(id);
    if (!send) throw new NotFoundError(`no send ${id}`);
    if (send.status !== "pending_approval") throw new BadInputError(`send ${id} is ${send.status}, not waiting for approval`);
    const verdict = applyDecision(EditableSend, { subject: send.subject, body: send.body }, decision);
    if (!verdict.go) {
      if ("invalidEdit" in verdict) throw new BadInputError(`edit rejected: ${verdict.invalidEdit}`);
      await deps.store.updateSend(id, { status: "rejected", decidedBy: decision.decidedBy });
      return (await deps.store.send(id))!;
    }
    await deps.store.updateSend(id, { status: "approved", decidedBy: decision.decidedBy, body: verdict.input.body, subject: verdict.input.subject ?? null });
    const approved = (await deps.store.send(id))!;
    if (deps.deliver && approved.scheduledAt <= deps.clock.now() && (await deps.deliver(approved))) {
      await deps.store.updateSend(id, { status: "sent", sentAt: deps.clock.now() });
    }
    return (await deps.store.send(id))!;
  }

  async function report(id: string): Promise<CampaignReport> {
    if (!(await deps.store.campaign(id))) throw new NotFoundError(`no campaign ${id}`);
    return campaignReport(id, await deps.store.sends({ campaignId: id }), await deps.store.campaignTouches(id));
  }

  async function track(touch: CampaignTouch): Promise<void> {
    if (!(await deps.store.campaign(touch.campaignId))) throw new NotFoundError(`no campaign ${touch.campaignId}`);
    await deps.store.addCampaignTouch(touch);
  }

  return { plan, launch, decide, report, track, audience };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
