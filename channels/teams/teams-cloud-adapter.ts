import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from "botbuilder";
import { AppError, UnauthorizedError } from "../../src/core/errors.js";

export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/**
 * botbuilder's CloudAdapter, with authentication and the turn as two steps. `CloudAdapter.process` does both
 * and answers failures itself (console output, text bodies, a 500 for a forged signature); split, the route
 * maps authentication failures to 401 through our own error handling and logger.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticatedRequest> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw toAuthenticationFailure(error);
    }
  }

  runTurn(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

/**
 * A token that does not verify is the sender's problem (401). Keys that cannot be fetched from the OpenID
 * metadata are ours (503, so the Bot Framework retries); botbuilder reports both as AuthenticationError and
 * tells them apart only by `statusCode`.
 */
function toAuthenticationFailure(error: unknown): AppError {
  const e = error as { name?: string; message?: string; statusCode?: unknown };
  const message = e?.message ?? String(error);
  if (JWT_ERRORS.has(e?.name ?? "") || e?.statusCode === 401 || /^unauthorized/i.test(message)) {
    return new UnauthorizedError(`Bot Framework token rejected: ${message}`);
  }
  return new AppError(`could not verify the Bot Framework token: ${message}`, 503, "unavailable");
}
