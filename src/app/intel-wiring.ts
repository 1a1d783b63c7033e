import type pg from "pg";
import { webApi } from "@slack/bolt";
import { boltLogger } from "../../channels/slack/bolt-logger.js";
import { createBotAuthentication, teamsEnabled } from "../../channels/teams/bot-authentication.js";
import type { TeamsReference } from "../../channels/teams/conversation-references.js";
import { createTeamsNotifier } from "../../channels/teams/notifier.js";
import { TeamsCloudAdapter } from "../../channels/teams/teams-cloud-adapter.js";
import { createIntelService, type IntelService } from "../../tools/intel/service.js";
import { createBattlecardTool, createIntelDigestTool } from "../../tools/intel/tool.js";
import { renderDigest } from "../../tools/intel/digest.js";
import type { Clock } from "../core/clock.js";
import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import { createChannelReferencesRepo } from "../infra/postgres/channel-references-repo.js";
import { createIntelRepo } from "../infra/postgres/intel-repo.js";
import type { LlmProvider } from "../llm/provider.js";

export interface IntelWiring {
  service: IntelService;
  tools: [ReturnType<typeof createIntelDigestTool>, ReturnType<typeof createBattlecardTool>];
  /** Posts the weekly digest where INTEL_DIGEST_SLACK_CHANNEL / INTEL_DIGEST_TEAMS_CONVERSATION say; returns where it went. */
  publishDigest(since?: string): Promise<string[]>;
}

export function createIntelWiring(config: Config, pool: pg.Pool, clock: Clock, logger: Logger, llm: LlmProvider): IntelWiring {
  const { intel } = config;
  const service = createIntelService({
    store: createIntelRepo(pool),
    clock,
    logger,
    policy: { userAgent: intel.userAgent, timeoutMs: intel.timeoutMs, maxBytes: intel.maxBytes },
    battlecardsDir: intel.battlecardsDir,
    writer: { kind: llm.kind, phrase: (request) => llm.phrase(request) },
    configFile: intel.configFile,
  });
  return {
    service,
    tools: [createIntelDigestTool({ digests: service.digests }), createBattlecardTool({ battlecards: service.battlecards })],
    async publishDigest(since = "7d") {
      const text = renderDigest(await service.digests.digest({ since }));
      const sent: string[] = [];
      if (intel.digestSlackChannel && config.slack.botToken) {
        const client = new webApi.WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, logger: boltLogger(logger) });
        await client.chat.postMessage({ channel: intel.digestSlackChannel, text, mrkdwn: true, unfurl_links: false });
        sent.push(`slack:${intel.digestSlackChannel}`);
      }
      if (intel.digestTeamsConversation && teamsEnabled(config.teams)) {
        const bot = createBotAuthentication(config.teams);
        const notifier = createTeamsNotifier({
          adapter: new TeamsCloudAdapter(bot.auth),
          appId: bot.appId,
          references: createChannelReferencesRepo<TeamsReference>(pool, "teams"),
        });
        if (!(await notifier.notifyUser(intel.digestTeamsConversation, text))) {
          throw new Error(`no saved Teams conversation reference '${intel.digestTeamsConversation}' (INTEL_DIGEST_TEAMS_CONVERSATION): message the bot there first`);
        }
        sent.push(`teams:${intel.digestTeamsConversation}`);
      }
      return sent;
    },
  };
}
