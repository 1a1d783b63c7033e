import type { Clock } from "../../src/core/clock.js";
import type { Logger } from "../../src/core/logger.js";
import type { MarketingStore, SendRecord, StoredEvent } from "../../src/core/marketing-store.js";
import { evaluateCriteria, triggers, type CriteriaFacts } from "./evaluate.js";
import type { MarketingEvent, Playbook, PlaybookAction, PlaybooksConfig } from "./schema.js";

export interface PlaybookDeps {
  store: MarketingStore;
  clock: Clock;
  logger: Logger;
  /** The playbooks in force and their content hash (re-read by the caller when the file changes). */
  playbooks: () => { config: PlaybooksConfig; hash: string };
  consentWithdrawn: (contactId: string) => Promise<boolean>;
  segmentOf?: (accountId: string) => Promise<string | undefined>;
  /** Tells the account's rep (Slack or Teams alert); absent → the alert is only recorded. */
  alertRep?: (text: string, event: StoredEvent) => Promise<void>;
  /** Sends approved content; absent → approved sends stay approved for a sender to pick up. */
  deliver?: (send: SendRecord) => Promise<boolean>;
  approvalRequired: boolean;
}

export interface FiringOutcome {
  playbookId: string;
  version: number;
  status: "fired" | "suppressed" | "already";
  reason?: string;
  deferredUntil?: string;
}

function fill(template: string, event: StoredEvent): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    const v = path.startsWith("data.") ? path.slice(5).split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), event.data) : (event as unknown as Record<string, unknown>)[path];
    return v === undefined || v === null ? "" : String(v);
  });
}

async function facts(deps: PlaybookDeps, p: Playbook, e: StoredEvent): Promise<CriteriaFacts> {
  const cap = p.criteria.frequencyCap;
  return {
    consentWithdrawn: e.contactId ? await deps.consentWithdrawn(e.contactId) : false,
    segment: e.accountId && deps.segmentOf ? await deps.segmentOf(e.accountId) : undefined,
    recentFirings: cap && e.contactId ? await deps.store.countFirings(p.id, e.contactId, new Date(e.occurredAt.getTime() - cap.perDays * 86_400_000), e.id) : 0,
  };
}

/**
 * Runs a playbook's actions for an event. Each action's id is derived from (event, playbook, position), so a
 * job retried after a crash re-runs them without doubling anything.
 */
async function runActions(deps: PlaybookDeps, p: Playbook, e: StoredEvent, deferUntil?: Date): Promise<void> {
  const source = `playbook:${p.id}@v${p.version}`;
  for (const [i, action] of p.actions.entries()) {
    const id = `${e.id}:${p.id}:${i}`;
    await runAction(deps, action, { id, source, event: e, playbook: p, deferUntil });
  }
}

async function runAction(deps: PlaybookDeps, action: PlaybookAction, ctx: { id: string; source: string; event: StoredEvent; playbook: Playbook; deferUntil?: Date }) {
  const { event: e, id } = ctx;
  const now = deps.clock.now();
  switch (action.type) {
    case "notify_rep": {
      const text = fill(action.message, e);
      const stored = await deps.store.recordSend({ id, campaignId: null, playbookId: ctx.playbook.id, contactId: e.contactId ?? null, accountId: e.accountId ?? null, channel: "rep_alert", subject: null, body: text, status: "alerted", reason: null, scheduledAt: now });
      if (stored.sentAt === null) {
        await deps.alertRep?.(text, e);
        await deps.store.updateSend(id, { status: "alerted", sentAt: now });
      }
      return;
    }
    case "create_task":
      await deps.store.createTask({ id, title: fill(action.title, e), contactId: e.contactId, accountId: e.accountId, dueAt: new Date(now.getTime() + action.dueInDays * 86_400_000), source: ctx.source });
      return;
    case "change_segment":
      await deps.store.changeSegment({ id, contactId: e.contactId, accountId: e.accountId, segment: action.segment, source: ctx.source, at: now });
      return;
    case "send_content": {
      const stored = await deps.store.recordSend({
        id,
        campaignId: null,
        playbookId: ctx.playbook.id,
        contactId: e.contactId ?? null,
        accountId: e.accountId ?? null,
        channel: action.channel,
        subject: action.subject ? fill(action.subject, e) : null,
        body: fill(action.body, e),
        status: deps.approvalRequired ? "pending_approval" : "approved",
        reason: ctx.deferUntil ? "deferred past quiet hours" : null,
        scheduledAt: ctx.deferUntil ?? now,
      });
      if (stored.status === "approved" && deps.deliver && stored.scheduledAt <= now && (await deps.deliver(stored))) {
        await deps.store.updateSend(id, { status: "sent", sentAt: now });
      }
      return;
    }
  }
}

/** Processes one stored event through every playbook; safe to call again for the same event. */
export async function processEvent(deps: PlaybookDeps, eventId: string): Promise<FiringOutcome[]> {
  const e = await deps.store.event(eventId);
  if (!e) throw new Error(`event ${eventId} is not stored`);
  const { config, hash } = deps.playbooks();
  const outcomes: FiringOutcome[] = [];
  for (const p of config.playbooks) {
    if (!triggers(p, e as MarketingEvent)) continue;
    const verdict = evaluateCriteria(p, e as MarketingEvent, await facts(deps, p, e));
    const claim = await deps.store.claimFiring(
      {
        eventId: e.id,
        playbookId: p.id,
        ruleVersion: p.version,
        configHash: hash,
        status: verdict.fire ? "fired" : "suppressed",
        reason: verdict.fire ? (verdict.deferUntil ? `sends deferred to ${verdict.deferUntil.toISOString()} (quiet hours)` : null) : verdict.reason,
        contactId: e.contactId ?? null,
        actions: p.actions,
      },
      deps.clock.now(),
    );
    // a firing left "fired" by a crash is finished now; one already done or suppressed is not repeated
    if (!claim.claimed && claim.status !== "fired") {
      outcomes.push({ playbookId: p.id, version: p.version, status: "already" });
      continue;
    }
    if (claim.status === "suppressed") {
      outcomes.push({ playbookId: p.id, version: p.version, status: "suppressed", reason: verdict.fire ? undefined : verdict.reason });
      continue;
    }
    const deferUntil = verdict.fire ? verdict.deferUntil : undefined;
    await runActions(deps, p, e, deferUntil);
    await deps.store.completeFiring(e.id, p.id);
    deps.logger.info({ event: e.id, type: e.type, playbook: p.id, version: p.version }, "playbook fired");
    outcomes.push({ playbookId: p.id, version: p.version, status: "fired", ...(deferUntil ? { deferredUntil: deferUntil.toISOString() } : {}) });
  }
  await deps.store.markProcessed(e.id, deps.clock.now());
  return outcomes;
}

export interface DryRunLine {
  eventId: string;
  type: string;
  playbookId: string;
  version: number;
  decision: "would fire" | "would not fire";
  reason?: string;
  actions: string[];
}

/**
 * Which rules would fire on a recorded stream, in order, without writing anything: consent comes from the
 * injected check, and frequency caps count the stream's own earlier would-be firings.
 */
export async function dryRun(
  config: PlaybooksConfig,
  events: readonly MarketingEvent[],
  lookups: { consentWithdrawn?: (contactId: string) => Promise<boolean>; segmentOf?: (accountId: string) => Promise<string | undefined> } = {},
): Promise<DryRunLine[]> {
  const fired: { playbookId: string; contactId: string; at: number }[] = [];
  const lines: DryRunLine[] = [];
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const seen = new Set<string>();
  for (const e of sorted) {
    if (seen.has(e.id)) continue; // a duplicate delivery is the same event
    seen.add(e.id);
    for (const p of config.playbooks) {
      if (!triggers(p, e)) continue;
      const cap = p.criteria.frequencyCap;
      const recent = cap && e.contactId ? fired.filter((f) => f.playbookId === p.id && f.contactId === e.contactId && f.at >= e.occurredAt.getTime() - cap.perDays * 86_400_000).length : 0;
      const verdict = evaluateCriteria(p, e, {
        consentWithdrawn: e.contactId && lookups.consentWithdrawn ? await lookups.consentWithdrawn(e.contactId) : false,
        segment: e.accountId && lookups.segmentOf ? await lookups.segmentOf(e.accountId) : undefined,
        recentFirings: recent,
      });
      if (verdict.fire && e.contactId) fired.push({ playbookId: p.id, contactId: e.contactId, at: e.occurredAt.getTime() });
      lines.push({
        eventId: e.id,
        type: e.type,
        playbookId: p.id,
        version: p.version,
        decision: verdict.fire ? "would fire" : "would not fire",
        ...(verdict.fire ? (verdict.deferUntil ? { reason: `sends deferred to ${verdict.deferUntil.toISOString()} (quiet hours)` } : {}) : { reason: verdict.reason }),
        actions: verdict.fire ? p.actions.map((a) => a.type) : [],
      });
    }
  }
  return lines;
}
