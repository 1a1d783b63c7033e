import { ActivityTypes, type CloudAdapter } from "botbuilder";
import type { OutboundMessage } from "../../src/core/ports.js";
import type { ConversationReferenceStore, TeamsReference } from "./conversation-references.js";
import { renderActivity } from "./render-card.js";

export interface TeamsNotifier {
  /**
   * Posts into an existing conversation without an inbound message (a deal alert, a hand-off for a rep).
   * The reference — above all its `serviceUrl` — must be one saved from an authenticated inbound activity:
   * the connector at that URL receives the bot's access token, and the Bot Framework answers 401 for a
   * service URL the bot was never called from.
   */
  notify(reference: TeamsReference, message: string | OutboundMessage): Promise<void>;
  /** Notifies a rep or manager (AAD object id) through the reference saved from their last message; false if none. */
  notifyUser(userId: string, message: string | OutboundMessage): Promise<boolean>;
}

export function createTeamsNotifier(deps: { adapter: CloudAdapter; appId: string | undefined; references: ConversationReferenceStore }): TeamsNotifier {
  async function notify(reference: TeamsReference, message: string | OutboundMessage): Promise<void> {
    if (!reference.serviceUrl || !reference.conversation?.id) {
      throw new Error("a Teams notification needs a saved conversation reference (serviceUrl and conversation)");
    }
    const activity =
      typeof message === "string" ? { type: ActivityTypes.Message, text: message, textFormat: "markdown" } : renderActivity(message);
    // An empty app id is the unauthenticated local-development mode: no token is attached.
    await deps.adapter.continueConversationAsync(deps.appId ?? "", reference, async (context) => {
      await context.sendActivity(activity);
    });
  }

  return {
    notify,
    async notifyUser(userId, message) {
      const reference = await deps.references.find(userId);
      if (!reference) return false;
      await notify(reference, message);
      return true;
    },
  };
}
