import { ActivityTypes, type CloudAdapter } from "botbuilder";
import type { HandoffNotifier, OutboundMessage } from "../../src/core/ports.js";
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

/**
 * Hand-off notices in Teams, notify-only: new hand-offs, details added later and status changes are posted to
 * the conversation whose reference was saved under TEAMS_HANDOFF_CONVERSATION (channel_references, written by
 * the Teams adapter from an authenticated message there). People answer in the Slack thread or through the
 * operator API; replies in Teams are not relayed, and visitor messages are not mirrored here.
 */
export function createTeamsHandoffNotifier(deps: { notifier: TeamsNotifier; conversation: string }): HandoffNotifier {
  async function post(text: string): Promise<void> {
    if (!(await deps.notifier.notifyUser(deps.conversation, text))) {
      throw new Error(`no saved Teams conversation reference '${deps.conversation}' (TEAMS_HANDOFF_CONVERSATION): message the bot there first`);
    }
  }
  return {
    async announce(ticket) {
      const where = ticket.conversation.channel === "web" ? "web chat" : ticket.conversation.channel;
      await post(
        [
          `**Hand-off ${ticket.id}** (${ticket.kind}, ${where}, conversation \`${ticket.conversation.externalId}\`)`,
          "",
          ticket.summary,
          "",
          "Answer in the Slack hand-off thread or with POST /api/conversations/:id/messages.",
        ].join("\n"),
      );
      return undefined;
    },
    async update(ticket, update) {
      if (update.kind === "prospect") return;
      await post(update.kind === "details" ? `**${ticket.id}**: the visitor added:\n\n${update.text}` : `**${ticket.id}**: ${update.text}`);
    },
  };
}
