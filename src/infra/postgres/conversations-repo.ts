import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Actor, Channel, Intent } from "../../core/domain.js";
import type { InboxConversationStore, Person } from "../../core/ports.js";
import { createCheckpointRollback } from "./checkpoint-rollback.js";

export interface ConversationRow {
  id: string;
  channel: Channel;
  externalId: string;
  actorId: string;
  actorRole: Actor["role"];
  lastIntent: Intent | null;
  /** The person holding the conversation (`slack:U…`, `operator:…`): the assistant stays silent meanwhile. */
  heldBy: string | null;
  heldByName: string | null;
  heldSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Consent of the conversation's channel identity and of `keys` (the contact keys the identity itself
 * implies), read together with the conversation; the consent check reuses it when the turn knows no other key.
 */
export interface ConsentSnapshot {
  withdrawn: boolean;
  keys: string[];
}

export interface MessageRow {
  /** Position in the log, increasing (a cursor for `?after=`). */
  id: string;
  /** `agent`: a person who took the conversation over; `author` is their display name. */
  sender: "user" | "assistant" | "agent";
  author: string | null;
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
    heldBy: r.held_by ?? null,
    heldByName: r.held_by_name ?? null,
    heldSince: r.held_since ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Conversations per channel identity and their message log (what GET /api/chat/:id shows). */
export function createConversationsRepo(pool: pg.Pool) {
  const inbox = createInboxConversationStore(pool);
  return {
    async find(channel: Channel, externalId: string): Promise<ConversationRow | undefined> {
      const { rows } = await pool.query("select * from conversations where channel = $1 and external_id = $2", [
        channel,
        externalId,
      ]);
      return rows[0] && toConversation(rows[0]);
    },

    /**
     * The conversation, created on its first message, with its consent as far as the channel identity tells
     * (`ConsentSnapshot`): one round trip for what every turn needs before the graph runs. `visitor` (see
     * `InboundMessage.visitor`) is kept from the conversation's first message.
     */
    async ensure(channel: Channel, externalId: string, actor: Actor, visitor?: string): Promise<ConversationRow & { consent: ConsentSnapshot }> {
      // An SMS sender is a contact by their number whatever the profile says (consents-repo isWithdrawn).
      const keys = channel === "sms" && actor.id.startsWith("+") ? [`phone:${actor.id}`] : [];
      const { rows } = await pool.query({
        name: "sg_conversation_ensure",
        text: `with c as (
                 insert into conversations (id, channel, external_id, tenant, actor_id, actor_role, visitor_key)
                 values ($1, $2, $3, $4, $5, $6, $7)
                 on conflict (channel, external_id) do update set updated_at = conversations.updated_at
                 returning *
               )
               select c.*, exists (
                 select 1 from consents x
                  where (x.channel = $2 and x.identity = $5 and x.status = 'withdrawn')
                     or (x.status = 'withdrawn' and x.contact_id is not null and x.contact_id in (
                           select contact_id from consents where channel = $2 and identity = $5 and contact_id is not null))
                     or (x.channel = 'contact' and x.status = 'withdrawn' and x.identity = any($8::text[]))
               ) as consent_withdrawn
                 from c`,
        values: [randomUUID(), channel, externalId, actor.tenant, actor.id, actor.role, visitor ?? null, keys],
      });
      return { ...toConversation(rows[0]), consent: { withdrawn: rows[0].consent_withdrawn === true, keys } };
    },

    /**
     * Appends one turn (the user's message and the reply, if any) atomically, in one statement (one round trip
     * on the turn's path); the rows are numbered in VALUES order, so the reply follows the message.
     */
    async appendTurn(
      conversationId: string,
      turn: { userText: string; replyText?: string; intent: Intent; at: Date },
    ): Promise<void> {
      await pool.query({
        name: "sg_append_turn",
        text: `with logged as (
                 insert into messages (conversation_id, sender, text, intent, created_at)
                 select $1, m.sender, m.text, $3, $4
                   from (values (1, 'user', $2::text), (2, 'assistant', $5::text)) as m(n, sender, text)
                  where m.text is not null and (m.n = 1 or m.text <> '')
                  order by m.n
                 returning 1
               )
               update conversations set last_intent = $3, updated_at = $4
                where id = $1 and (select count(*) from logged) > 0`,
        values: [conversationId, turn.userText, turn.intent, turn.at, turn.replyText ?? null],
      });
    },

    /** The log in order; with `after`, only messages after that id (what a polling widget has not seen). */
    async messages(conversationId: string, options: { after?: string } = {}): Promise<MessageRow[]> {
      const { rows } = await pool.query(
        "select id, sender, author, text, intent, created_at from messages where conversation_id = $1 and id > $2 order by id",
        [conversationId, options.after ?? "0"],
      );
      return rows.map((r) => ({
        id: String(r.id),
        sender: r.sender,
        author: r.author ?? null,
        text: r.text,
        intent: r.intent,
        createdAt: r.created_at,
      }));
    },

    /** Puts a thread's checkpoint back to before its last turn (a turn whose log could not be written). */
    rollBackCheckpoint: createCheckpointRollback(pool),

    ...inbox,
  };
}

/** Hold state and people's messages: what the human inbox reads and writes, shared by every process. */
function createInboxConversationStore(pool: pg.Pool): InboxConversationStore {
  const held = (r: Record<string, any>) => ({ id: r.id, channel: r.channel, externalId: r.external_id, heldBy: r.held_by ?? null });
  return {
    async findForOperator(id) {
      // An id may be a channel's own (web conversation id, phone number) or ours; prospect channels come first.
      const { rows } = await pool.query(
        `select * from conversations where external_id = $1 or id = $1
          order by (external_id = $1) desc, (channel = 'web') desc, (channel = 'sms') desc, updated_at desc limit 1`,
        [id],
      );
      return rows[0] && held(rows[0]);
    },

    async findById(id) {
      const { rows } = await pool.query("select * from conversations where id = $1", [id]);
      return rows[0] && held(rows[0]);
    },

    async hold(id: string, person: Person, at: Date) {
      await pool.query(
        `update conversations set held_by = $2, held_by_name = $3, held_since = coalesce(held_since, $4), updated_at = $4
          where id = $1`,
        [id, person.id, person.name, at],
      );
    },

    async release(id) {
      await pool.query("update conversations set held_by = null, held_by_name = null, held_since = null where id = $1", [id]);
    },

    async appendMessage(id, message) {
      const { rows } = await pool.query(
        "insert into messages (conversation_id, sender, author, text, created_at) values ($1, $2, $3, $4, $5) returning id",
        [id, message.sender, message.author, message.text, message.at],
      );
      return String(rows[0].id);
    },
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
