import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from "botbuilder";
import type { Config } from "../../src/core/config.js";
import { ConfigError } from "../../src/core/errors.js";

export type TeamsConfig = Config["teams"];

/** The public-cloud Bot Framework endpoints (botframework-connector `AuthenticationConstants`). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  ToBotFromChannelOpenIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration",
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

export interface BotAuthenticationOptions {
  /**
   * Where the channel's token-signing keys are published. Only for a test double or a private cloud:
   * botbuilder treats any endpoint setting as "all endpoints are explicit", so the other public-cloud
   * values are filled in beside it.
   */
  openIdMetadataUrl?: string;
}

export type BotAuthentication =
  | { mode: "verified"; appId: string; auth: ConfigurationBotFrameworkAuthentication }
  | { mode: "unauthenticated"; appId: undefined; auth: ConfigurationBotFrameworkAuthentication };

export function teamsEnabled(teams: TeamsConfig): boolean {
  return Boolean(teams.appId) || teams.allowUnauthenticated;
}

/**
 * Bot Framework authentication from the one `teams` config object. With an app id every inbound activity
 * must carry a channel JWT (issuer api.botframework.com, audience = app id, keys from the OpenID metadata,
 * `serviceurl` claim = the activity's serviceUrl). Without one, inbound JWT checks are skipped — allowed only
 * when the operator set the explicit local-development flag; otherwise Teams cannot be served.
 */
export function createBotAuthentication(teams: TeamsConfig, options: BotAuthenticationOptions = {}): BotAuthentication {
  if (teams.appId) {
    const settings: ConfigurationBotFrameworkAuthenticationOptions = {
      MicrosoftAppId: teams.appId,
      MicrosoftAppPassword: teams.appPassword,
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.tenantId,
      ...(options.openIdMetadataUrl ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl } : {}),
    };
    try {
      // The credential factory is built by botbuilder from the same settings object.
      return { mode: "verified", appId: teams.appId, auth: new ConfigurationBotFrameworkAuthentication(settings) };
    } catch (error) {
      throw new ConfigError(`MicrosoftAppType=${teams.appType}: ${(error as Error).message}`);
    }
  }
  if (teams.allowUnauthenticated) {
    return {
      mode: "unauthenticated",
      appId: undefined,
      auth: new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({})),
    };
  }
  throw new ConfigError("MicrosoftAppId: required to serve Teams (TEAMS_ALLOW_UNAUTHENTICATED=true only for local development)");
}
