import type pg from "pg";
import { createSmsProspectDelivery } from "../../channels/sms/prospect-delivery.js";
import { createSmsSender } from "../../channels/sms/twilio-sender.js";
import { createSlackHandoffNotifier } from "../../channels/slack/handoff-notifier.js";
import { createBotAuthentication, teamsEnabled } from "../../channels/teams/bot-authentication.js";
import type { TeamsReference } from "../../channels/teams/conversation-references.js";
import { createTeamsHandoffNotifier, createTeamsNotifier } from "../../channels/teams/notifier.js";
import { TeamsCloudAdapter } from "../../channels/teams/teams-cloud-adapter.js";
import { combineHandoffNotifiers } from "../../tools/handoffs/notifiers.js";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import type { HandoffNotifier, ProspectDelivery } from "../core/ports.js";
import { createChannelReferencesRepo } from "../infra/postgres/channel-references-repo.js";
import type { ConsentsRepo } from "../infra/postgres/consents-repo.js";

/** Where hand-offs are announced: the Slack channel and/or the Teams conversation that are configured. */
export function createHandoffNotifier(config: Config, pool: pg.Pool, logger: Logger): HandoffNotifier {
  const notifiers: { name: string; notifier: HandoffNotifier }[] = [];
  const { slack, teams } = config;
  if (slack.handoffChannel && slack.botToken) {
    notifiers.push({
      name: "slack",
      notifier: createSlackHandoffNotifier({ botToken: slack.botToken, apiUrl: slack.apiUrl, channel: slack.handoffChannel, logger }),
    });
  } else if (slack.handoffChannel) {
    logger.warn("SLACK_HANDOFF_CHANNEL is set but SLACK_BOT_TOKEN is not: hand-offs are not posted to Slack");
  }
  if (teams.handoffConversation && teamsEnabled(teams)) {
    // Its own adapter: proactive messages need only the bot's credentials and a saved reference.
    const bot = createBotAuthentication(teams);
    const references = createChannelReferencesRepo<TeamsReference>(pool, "teams");
    const notifier = createTeamsNotifier({ adapter: new TeamsCloudAdapter(bot.auth), appId: bot.appId, references });
    notifiers.push({ name: "teams", notifier: createTeamsHandoffNotifier({ notifier, conversation: teams.handoffConversation }) });
  }
  return combineHandoffNotifiers(notifiers, logger);
}

/**
 * How a person's reply reaches an SMS prospect: the Twilio REST sender, with the consent store's answer.
 * No quiet hours: the prospect is in a live conversation, not receiving an unsolicited follow-up.
 */
export function createProspectDelivery(config: Config, consents: ConsentsRepo, clock: Clock, logger: Logger): ProspectDelivery {
  const { accountSid, authToken, fromNumber, apiUrl } = config.twilio;
  const sender =
    accountSid && authToken && fromNumber
      ? createSmsSender({
          accountSid,
          authToken,
          from: fromNumber,
          apiUrl,
          canSend: async (phone) => !(await consents.isWithdrawn("sms", phone)),
          now: () => clock.now(),
          quietHours: { start: 0, end: 0 },
          timezoneOf: () => "UTC",
          logger,
        })
      : undefined;
  return createSmsProspectDelivery(sender);
}
