import { randomBytes } from "node:crypto";
import type pg from "pg";
import { HandoffLimitError } from "../../core/errors.js";
import type { HandoffKind, HandoffStore, HandoffThread, HandoffTicket } from "../../core/ports.js";
import { withTransaction } from "./pool.js";

export type { HandoffKind } from "../../core/ports.js";

/** What `create_handoff` returns: the ticket, and whether the request was added to one already open. */
export interface Handoff extends HandoffTicket {
  appended?: boolean;
}

const SELECT = `select h.*, c.channel, c.external_id from handoffs h join conversations c on c.id = h.conversation_id`;

function toTicket(r: Record<string, any>): HandoffTicket {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    summary: r.summary,
    reason: r.reason,
    conversation: { id: r.conversation_id, channel: r.channel, externalId: r.external_id },
    ...(r.slack_ts ? { thread: { channel: r.slack_channel, ts: r.slack_ts } } : {}),
    createdAt: r.created_at,
  };
}

// Open hand-offs of every conversation the same visitor started, and hand-offs opened anywhere in the last minute.
const LIMITS = `
select (select count(*)::int from handoffs h join conversations c on c.id = h.conversation_id
         where c.visitor_key = (select visitor_key from conversations where id = $1)
           and h.status in ('open', 'claimed')) as open_for_visitor,
       (select count(*)::int from handoffs where created_at > now() - interval '1 minute') as opened_last_minute`;

export interface HandoffLimits {
  /** Open or claimed hand-offs one visitor (conversations sharing a visitor key) may have. */
  maxOpenPerVisitor: number;
  /** New hand-offs per minute across the deployment; a flood cannot bury the people's queue. */
  newPerMinute: number;
}

/**
 * Hand-offs, their notes and the Slack thread each was posted in. With `limits`, a new hand-off past either cap
 * throws `HandoffLimitError` (adding to the one already open in the conversation is always allowed). The
 * counts are read in the opening transaction; two processes racing may each let one more through.
 */
export function createHandoffsRepo(pool: pg.Pool, limits?: HandoffLimits) {
  async function one(where: string, params: unknown[], client: pg.Pool | pg.PoolClient = pool): Promise<HandoffTicket | undefined> {
    const { rows } = await client.query(`${SELECT} where ${where} order by h.created_at desc limit 1`, params);
    return rows[0] && toTicket(rows[0]);
  }

  const store: HandoffStore = {
    async openOrAppend(input) {
      return withTransaction(pool, async (client) => {
        // The conversation row is the lock: two processes asking at once make one ticket.
        await client.query("select 1 from conversations where id = $1 for update", [input.conversationId]);
        const active = await one("h.conversation_id = $1 and h.status in ('open', 'claimed')", [input.conversationId], client);
        if (active) {
          const note = input.note(active);
          await client.query("insert into handoff_notes (handoff_id, text) values ($1, $2)", [active.id, note]);
          // The newest summary covers the whole conversation; the kind follows the prospect's latest request
          // (a hot-lead signal is not a request, so it only adds its note).
          await client.query(
            `update handoffs set summary = case when $3 = 'hot_lead' then summary else $2 end,
                                kind = case when $3 = 'hot_lead' then kind else $3 end
              where id = $1`,
            [active.id, input.summary, input.kind],
          );
          return { ticket: (await one("h.id = $1", [active.id], client))!, appended: true, note };
        }
        if (limits) {
          const { rows } = await client.query<{ open_for_visitor: number; opened_last_minute: number }>(LIMITS, [input.conversationId]);
          if (rows[0]!.open_for_visitor >= limits.maxOpenPerVisitor) throw new HandoffLimitError("visitor");
          if (rows[0]!.opened_last_minute >= limits.newPerMinute) throw new HandoffLimitError("rate");
        }
        const id = `HO-${randomBytes(3).toString("hex").toUpperCase()}`;
        await client.query("insert into handoffs (id, conversation_id, kind, summary, reason) values ($1, $2, $3, $4, $5)", [
          id,
          input.conversationId,
          input.kind,
          input.summary,
          input.reason ?? null,
        ]);
        return { ticket: (await one("h.id = $1", [id], client))!, appended: false };
      });
    },

    async setThread(id, thread) {
      await pool.query("update handoffs set slack_channel = $2, slack_ts = $3 where id = $1", [id, thread.channel, thread.ts]);
    },

    findByThread: (thread: HandoffThread) => one("h.slack_channel = $1 and h.slack_ts = $2", [thread.channel, thread.ts]),

    activeFor: (conversationId: string) => one("h.conversation_id = $1 and h.status in ('open', 'claimed')", [conversationId]),

    async claim(id, personId, at) {
      const { rowCount } = await pool.query(
        "update handoffs set status = 'claimed', claimed_by = $2, claimed_at = $3 where id = $1 and status = 'open'",
        [id, personId, at],
      );
      return (rowCount ?? 0) > 0;
    },

    async close(id, at) {
      await pool.query("update handoffs set status = 'closed', closed_at = $2 where id = $1 and status <> 'closed'", [id, at]);
    },
  };

  return {
    ...store,

    /** Opens a hand-off, or adds the summary as a note to the one already open in this conversation. */
    async open(input: { conversationId: string; kind: HandoffKind; summary: string; reason?: string }): Promise<Handoff> {
      const { ticket, appended } = await store.openOrAppend({ ...input, note: () => input.summary });
      return { ...ticket, appended };
    },

    /** Hand-offs people still have to answer (open or claimed), newest first. */
    async listOpen(limit = 100): Promise<(HandoffTicket & { notes: { text: string; at: Date }[]; heldBy: string | null })[]> {
      const { rows } = await pool.query(
        `select h.*, c.channel, c.external_id, c.held_by_name,
                coalesce((select json_agg(json_build_object('text', n.text, 'at', n.created_at) order by n.id)
                            from handoff_notes n where n.handoff_id = h.id), '[]'::json) as notes
           from handoffs h join conversations c on c.id = h.conversation_id
          where h.status in ('open', 'claimed')
          order by h.created_at desc, h.id limit $1`,
        [limit],
      );
      return rows.map((r) => ({
        ...toTicket(r),
        heldBy: r.held_by_name ?? null,
        notes: (r.notes as { text: string; at: string }[]).map((n) => ({ text: n.text, at: new Date(n.at) })),
      }));
    },
  };
}

export type HandoffsRepo = ReturnType<typeof createHandoffsRepo>;
