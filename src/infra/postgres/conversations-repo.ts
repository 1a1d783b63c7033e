import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Actor, Channel, Intent } from "../../core/domain.js";
import { withTransaction } from "./pool.js";

export interface ConversationRow {
  id: string;
  channel: Channel;
  externalId: string;
  actorId: string;
  actorRole: Actor["role"];
  lastIntent: Intent | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageRow {
  sender: "user" | "assistant";
  text: string;
  intent: Intent | null;
  createdAt: Date;
}

function toConversation(r: Record<string, any>): ConversationRow {
  return {
    id: r.id,
    channel: r.channel,
    externalId: r.external_id,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    lastIntent: r.last_intent,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Conversations per channel identity and their message log (what GET /api/chat/:id shows). */
export function createConversationsRepo(pool: pg.Pool) {
  return {
    async find(channel: Channel, externalId: string): Promise<ConversationRow | undefined> {
      const { rows } = await pool.query("select * from conversations where channel = $1 and external_id = $2", [
        channel,
        externalId,
      ]);
      return rows[0] && toConversation(rows[0]);
    },

    async ensure(channel: Channel, externalId: string, actor: Actor): Promise<ConversationRow> {
      const { rows } = await pool.query(
        `insert into conversations (id, channel, external_id, tenant, actor_id, actor_role)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (channel, external_id) do update set updated_at = conversations.updated_at
         returning *`,
        [randomUUID(), channel, externalId, actor.tenant, actor.id, actor.role],
      );
      return toConversation(rows[0]);
    },

    /** Appends one turn (the user's message and the reply, if any) atomically. */
    async appendTurn(
      conversationId: string,
      turn: { userText: string; replyText?: string; intent: Intent; at: Date },
    ): Promise<void> {
      await withTransaction(pool, async (client) => {
        await client.query(
          "insert into messages (conversation_id, sender, text, intent, created_at) values ($1, 'user', $2, $3, $4)",
          [conversationId, turn.userText, turn.intent, turn.at],
        );
        if (turn.replyText) {
          await client.query(
            "insert into messages (conversation_id, sender, text, intent, created_at) values ($1, 'assistant', $2, $3, $4)",
            [conversationId, turn.replyText, turn.intent, turn.at],
          );
        }
        await client.query("update conversations set last_intent = $2, updated_at = $3 where id = $1", [
          conversationId,
          turn.intent,
          turn.at,
        ]);
      });
    },

    async messages(conversationId: string): Promise<MessageRow[]> {
      const { rows } = await pool.query(
        "select sender, text, intent, created_at from messages where conversation_id = $1 order by id",
        [conversationId],
      );
      return rows.map((r) => ({ sender: r.sender, text: r.text, intent: r.intent, createdAt: r.created_at }));
    },
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
