import type pg from "pg";
import { createSlackApprovalNotifier, createSlackWebClient, slackPlace } from "../../channels/slack/approval-notifier.js";
import { createSmsSender } from "../../channels/sms/twilio-sender.js";
import { createTeamsApprovalNotifier } from "../../channels/teams/approval-notifier.js";
import { createBotAuthentication, teamsEnabled } from "../../channels/teams/bot-authentication.js";
import type { TeamsReference } from "../../channels/teams/conversation-references.js";
import { createTeamsNotifier } from "../../channels/teams/notifier.js";
import { TeamsCloudAdapter } from "../../channels/teams/teams-cloud-adapter.js";
import type { InviteMailer } from "../../tools/booking/mailer.js";
import { createLogCrmNoteTool, createUpdateDealNextStepTool } from "../../tools/outreach/crm-writes.js";
import { createSendFollowUpTool } from "../../tools/outreach/send-follow-up.js";
import type { ApprovalNotifier, RequesterNotifier } from "../core/approvals.js";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import type { ConsentCheck, OutboundSms, OutreachCrm } from "../core/outreach.js";
import { zoneFromPhone } from "../core/time-zones.js";
import { createChannelReferencesRepo } from "../infra/postgres/channel-references-repo.js";

/** Follow-up SMS through the Twilio REST sender: consent per contact, quiet hours in the person's zone. */
export function createOutboundSms(config: Config, consents: ConsentCheck, clock: Clock, logger: Logger): OutboundSms {
  const { accountSid, authToken, fromNumber, apiUrl, quietHours } = config.twilio;
  if (!accountSid || !authToken || !fromNumber) return { enabled: false, send: async () => ({ status: "blocked", reason: "not_configured" }) };
  return {
    enabled: true,
    async send(to, text, timeZone) {
      const sender = createSmsSender({
        accountSid, authToken, from: fromNumber, apiUrl, quietHours, logger,
        canSend: async (phone) => !(await consents.isWithdrawn("sms", phone, [`phone:${phone}`])),
        now: () => clock.now(),
        timezoneOf: (phone) => timeZone ?? zoneFromPhone(phone) ?? "UTC",
      });
      const result = await sender.send(to, text);
      switch (result.status) {
        case "sent":
          return { status: "sent", id: result.sid };
        case "deferred":
          return { status: "deferred", until: result.until };
        case "blocked":
          return { status: "blocked", reason: result.reason };
        case "failed":
          return { status: "failed", error: result.error };
      }
    },
  };
}

/** The actions approvals guard, as tools the graph (and a tool-calling agent) can call. */
export function createOutreachTools(deps: { config: Config; crm: OutreachCrm; consents: ConsentCheck; mailer: InviteMailer; clock: Clock; logger: Logger }) {
  const approvalRequired = deps.config.approvalRequired;
  return [
    createSendFollowUpTool({
      crm: deps.crm, consents: deps.consents, mailer: deps.mailer, approvalRequired, clock: deps.clock, logger: deps.logger,
      sms: createOutboundSms(deps.config, deps.consents, deps.clock, deps.logger),
    }),
    createLogCrmNoteTool({ crm: deps.crm, approvalRequired, clock: deps.clock }),
    createUpdateDealNextStepTool({ crm: deps.crm, approvalRequired, clock: deps.clock }),
  ];
}

function teamsParts(config: Config, pool: pg.Pool) {
  const bot = createBotAuthentication(config.teams);
  const references = createChannelReferencesRepo<TeamsReference>(pool, "teams");
  return { adapter: new TeamsCloudAdapter(bot.auth), appId: bot.appId, references };
}

/** Where approvers are asked: Slack (approvals channel or the requesting thread) and/or a Teams conversation. */
export function createApprovalNotifier(config: Config, pool: pg.Pool, logger: Logger): ApprovalNotifier {
  const notifiers: ApprovalNotifier[] = [];
  if (config.slack.botToken) {
    const client = createSlackWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger });
    notifiers.push(createSlackApprovalNotifier({ client, channel: config.slack.approvalsChannel }));
  }
  if (config.teams.approvalsConversation && teamsEnabled(config.teams)) {
    notifiers.push(createTeamsApprovalNotifier({ ...teamsParts(config, pool), conversation: config.teams.approvalsConversation }));
  }
  return {
    async ask(approval) {
      let slackPost: { channel: string; ts: string } | undefined;
      for (const n of notifiers) {
        try {
          slackPost ??= (await n.ask(approval)).slackPost;
        } catch (error) {
          logger.warn({ err: error, approval: approval.id }, "approval request not posted");
        }
      }
      return slackPost ? { slackPost } : {};
    },
    async decided(approval, outcome) {
      await Promise.all(notifiers.map((n) => n.decided(approval, outcome).catch((error: unknown) => logger.warn({ err: error, approval: approval.id }, "decision not posted"))));
    },
  };
}

/** Tells the rep the outcome where they asked: their Slack thread/DM, or their Teams chat. */
export function createRequesterNotifier(config: Config, pool: pg.Pool, logger: Logger): RequesterNotifier {
  const slack = config.slack.botToken ? createSlackWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }) : undefined;
  const teams = teamsEnabled(config.teams) ? (() => { const p = teamsParts(config, pool); return createTeamsNotifier(p); })() : undefined;
  return {
    async tell(where, text) {
      if (where.channel === "slack" && slack) {
        const place = slackPlace(where.conversation);
        if (place.user) await slack.chat.postEphemeral({ channel: place.channel, user: place.user, text });
        else await slack.chat.postMessage({ channel: place.channel, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), text });
        return true;
      }
      if (where.channel === "teams" && teams) return teams.notifyUser(where.requestedBy, text);
      return false;
    },
  };
}
