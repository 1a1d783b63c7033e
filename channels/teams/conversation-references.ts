import type { ConversationReference } from "botbuilder";

export type TeamsReference = Partial<ConversationReference>;

/**
 * Where the Teams adapter keeps the conversation references of internal users, so notifications can reach
 * them later. A reference is only ever saved from an authenticated inbound activity: its `serviceUrl` is
 * where the bot's token will be sent, so it must never come from anywhere else.
 */
export interface ConversationReferenceStore {
  save(userId: string, reference: TeamsReference): Promise<void>;
  find(userId: string): Promise<TeamsReference | undefined>;
}

/** One-process store; several processes need a shared (database) implementation of the same port. */
export function createMemoryConversationReferenceStore(): ConversationReferenceStore {
  const references = new Map<string, TeamsReference>();
  return {
    async save(userId, reference) {
      references.set(userId, structuredClone(reference));
    },
    async find(userId) {
      const reference = references.get(userId);
      return reference && structuredClone(reference);
    },
  };
}

/**
 * Notifications belong in the user's personal chat with the bot: a reference from a channel or group chat
 * never replaces a personal one.
 */
export function shouldReplace(saved: TeamsReference | undefined, incoming: TeamsReference): boolean {
  if (!saved) return true;
  return incoming.conversation?.conversationType === "personal" || saved.conversation?.conversationType !== "personal";
}
