import fs from "node:fs";
import path from "node:path";
import { webApi } from "@slack/bolt";
import type pg from "pg";
import { boltLogger } from "../../channels/slack/bolt-logger.js";
import { createAbmTools } from "../../tools/abm/tool.js";
import { createCampaignService, type CampaignService } from "../../tools/campaigns/service.js";
import { parsePlaybooks } from "../../tools/playbooks/config.js";
import { dryRun, processEvent, type DryRunLine, type FiringOutcome, type PlaybookDeps } from "../../tools/playbooks/runner.js";
import type { MarketingEvent, PlaybooksConfig } from "../../tools/playbooks/schema.js";
import { createInsightsCache, type InsightsCache } from "../../tools/profile/insights.js";
import type { SegmentView } from "../../tools/profile/profile.js";
import { createCustomerProfileTool } from "../../tools/profile/tool.js";
import type { SalesTool } from "../../tools/registry.js";
import type { ContentService } from "../../tools/content/service.js";
import type { TranscriptService } from "../../tools/transcripts/service.js";
import { createSegmentsService } from "../../tools/segments/service.js";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import type { JobQueue } from "../core/jobs.js";
import type { Logger } from "../core/logger.js";
import type { MarketingCrm } from "../core/marketing.js";
import type { MarketingStore } from "../core/marketing-store.js";
import { createMarketingRepo } from "../infra/postgres/marketing-repo.js";
import { createMarketingStore } from "../infra/postgres/marketing-store.js";
import type { KnowledgeBase } from "../../knowledge/knowledge-base.js";
import type { InviteMailer } from "../../tools/booking/mailer.js";
import type { OutboundSms } from "../core/outreach.js";
import type { SendRecord } from "../core/marketing-store.js";

export const MARKETING_EVENT_JOB = "marketing-event";
/** Where the playbooks live unless the wiring is told otherwise (YAML, validated at load). */
export const DEFAULT_PLAYBOOKS_FILE = "config/playbooks.yaml";

export interface MarketingWiring {
  crm: MarketingCrm;
  store: MarketingStore;
  insights: InsightsCache;
  /** customer_profile, target_accounts, account_playbook. */
  tools: SalesTool[];
  campaigns: CampaignService;
  playbooks(): { config: PlaybooksConfig; hash: string; file: string };
  /** Stores an event (its id is the idempotency key) and queues it; processes inline when no queue is attached. */
  ingest(event: MarketingEvent, source: string): Promise<{ eventId: string; duplicate: boolean; outcomes?: FiringOutcome[] }>;
  process(eventId: string): Promise<FiringOutcome[]>;
  dryRun(events: readonly MarketingEvent[]): Promise<DryRunLine[]>;
  /** A prospect's chat turn as a `chat.turn` event (intent, channel); failures are logged, never thrown into the turn. */
  onChatTurn(turn: { intent: string; channel: string; conversationId: string; role: string; at: Date }): void;
  /** The transcript service, also emitting `transcript.analyzed` (sentiment, objections, competitors) for each logged call. */
  observeTranscripts(service: TranscriptService): TranscriptService;
  /** Registers the event worker on the job queue; ingest then queues instead of processing inline. */
  attach(queue: JobQueue): Promise<void>;
}

export interface MarketingWiringOptions {
  config: Config;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  kb?: KnowledgeBase;
  content?: ContentService;
  playbooksFile?: string;
  /** Senders for approved marketing email and SMS; without them approved sends stay approved. */
  mailer?: InviteMailer;
  sms?: OutboundSms;
  /** Slack channel for rep alerts (playbooks, campaigns); absent → alerts are recorded, not posted. */
  alertsSlackChannel?: string;
}

export function createMarketingWiring(o: MarketingWiringOptions): MarketingWiring {
  const crm = createMarketingRepo(o.pool);
  const store = createMarketingStore(o.pool);
  const insights = createInsightsCache({ crm, clock: o.clock });
  const segments = createSegmentsService({ pool: o.pool, clock: o.clock, buildIfMissing: false });
  const segmentOf = async (accountName: string): Promise<SegmentView | undefined> => {
    const found = (await segments.lookup(accountName)).accounts[0];
    return found && { label: found.segment.label, migrationProbability: found.migration.probability, likelyDestination: found.migration.likelyDestination.label, reasons: found.migration.reasons };
  };
  const searchKnowledge = o.kb
    ? async (query: string, k: number) =>
        (await o.kb!.search(query, { audience: "internal", k })).map((h) => ({ title: h.heading || h.title, source: h.sourcePath, excerpt: h.body.replace(/\s+/g, " ").slice(0, 200) }))
    : undefined;
  const now = () => o.clock.now();

  const file = path.resolve(o.playbooksFile ?? o.config.marketing.playbooksFile ?? DEFAULT_PLAYBOOKS_FILE);
  let loaded: { config: PlaybooksConfig; hash: string; mtime: number } | undefined;
  const playbooks = () => {
    const mtime = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
    if (!loaded || loaded.mtime !== mtime) {
      loaded = mtime < 0 ? { config: { playbooks: [] }, hash: "none", mtime } : { ...parsePlaybooks(fs.readFileSync(file, "utf8"), file), mtime };
      o.logger.info({ file, playbooks: loaded.config.playbooks.length, hash: loaded.hash }, "playbooks loaded");
    }
    return { config: loaded.config, hash: loaded.hash, file };
  };

  const alertsChannel = o.alertsSlackChannel ?? o.config.marketing.alertsSlackChannel;
  const slack = alertsChannel && o.config.slack.botToken ? new webApi.WebClient(o.config.slack.botToken, { slackApiUrl: o.config.slack.apiUrl, logger: boltLogger(o.logger) }) : undefined;
  const post = async (text: string) => {
    if (slack) await slack.chat.postMessage({ channel: alertsChannel!, text, mrkdwn: true, unfurl_links: false });
  };

  // an approved send goes out by email (SMTP) or SMS (Twilio, which re-checks consent and quiet hours)
  const deliver = async (send: SendRecord): Promise<boolean> => {
    const contact = send.contactId ? await crm.contact(send.contactId) : undefined;
    if (!contact) return false;
    if (send.channel === "email" && o.mailer?.enabled && contact.email) {
      await o.mailer.send({ to: contact.email, subject: send.subject ?? "", text: send.body });
      return true;
    }
    if (send.channel === "sms" && o.sms?.enabled && contact.phone) {
      const result = await o.sms.send(contact.phone, send.body, contact.timeZone ?? undefined);
      return result.status === "sent";
    }
    return false;
  };

  const runnerDeps: PlaybookDeps = {
    store,
    clock: o.clock,
    logger: o.logger,
    playbooks,
    consentWithdrawn: (id) => crm.consentWithdrawn(id),
    segmentOf: (id) => crm.segmentLabelOf(id),
    alertRep: (text) => post(text),
    approvalRequired: o.config.approvalRequired,
    deliver,
  };
  const campaigns = createCampaignService({
    crm,
    store,
    clock: o.clock,
    segmentMembers: (label) => crm.segmentMembers(label),
    approvalRequired: o.config.approvalRequired,
    alertRep: (text) => post(text),
    deliver,
    ...(o.content
      ? {
          writeContent: async (input: { segment: string; channel: "email" | "sms"; objective: string }) =>
            (await o.content!.generate(input, "campaign")).variants.map((v) => ({ subject: v.subject, text: v.text, source: `content ${v.id} (${v.label}, ${v.angle})` })),
        }
      : {}),
  });

  let queue: JobQueue | undefined;
  const process = (eventId: string) => processEvent(runnerDeps, eventId);
  async function ingest(event: MarketingEvent, source: string): Promise<{ eventId: string; duplicate: boolean; outcomes?: FiringOutcome[] }> {
    const { inserted } = await store.recordEvent({ ...event, source });
    // a redelivery of an event not yet processed (a crash between store and queue) is queued again
    const stored = inserted ? undefined : await store.event(event.id);
    if (stored?.processedAt) return { eventId: event.id, duplicate: true };
    if (queue) {
      await queue.send(MARKETING_EVENT_JOB, { eventId: event.id });
      return { eventId: event.id, duplicate: !inserted };
    }
    return { eventId: event.id, duplicate: !inserted, outcomes: await process(event.id) };
  }
  return {
    crm,
    store,
    insights,
    tools: [createCustomerProfileTool({ crm, insights, now, segmentOf }), ...createAbmTools({ crm, insights, now, searchKnowledge })],
    campaigns,
    playbooks,
    ingest,
    process,
    dryRun: (events) => dryRun(playbooks().config, events, { consentWithdrawn: (id) => crm.consentWithdrawn(id), segmentOf: (id) => crm.segmentLabelOf(id) }),
    onChatTurn(turn) {
      if (turn.role !== "prospect") return;
      void (async () => {
        const who = await crm.conversationContact(turn.conversationId);
        const event = { id: `chat:${turn.conversationId}:${turn.at.getTime()}`, type: "chat.turn", occurredAt: turn.at, ...who, data: { intent: turn.intent, channel: turn.channel } };
        await ingest(event, "chat");
      })().catch((error) => o.logger.warn({ err: error, conversation: turn.conversationId }, "chat turn event not recorded"));
    },
    observeTranscripts(service) {
      return {
        ...service,
        async analyze(request) {
          const result = await service.analyze(request);
          const logged = result.logged;
          if (logged) {
            const mean = result.analysis.sentiment.customer.mean;
            const event = {
              id: `transcript:${logged.transcriptId}`,
              type: "transcript.analyzed",
              occurredAt: o.clock.now(),
              ...(logged.accountId ? { accountId: logged.accountId } : {}),
              data: {
                transcriptId: logged.transcriptId,
                dealId: logged.dealId,
                sentiment: mean <= -0.1 ? "negative" : mean >= 0.1 ? "positive" : "neutral",
                sentimentScore: mean,
                objections: result.analysis.objections.map((x) => x.type),
                competitors: result.analysis.competitors.map((x) => x.name),
              },
            };
            await ingest(event, "transcript").catch((error) => o.logger.warn({ err: error, transcript: logged.transcriptId }, "transcript event not recorded"));
          }
          return result;
        },
      };
    },
    async attach(q) {
      await q.work<{ eventId: string }>(MARKETING_EVENT_JOB, async ({ eventId }) => {
        await process(eventId);
      });
      queue = q;
    },
  };
}
