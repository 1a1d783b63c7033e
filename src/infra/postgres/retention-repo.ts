import type pg from "pg";
import { withTransaction } from "./pool.js";

export interface RetentionReport {
  /** Whole conversations idle since before the cutoff, with their hand-offs and graph checkpoints. */
  conversations: number;
  /** Messages older than the cutoff, counting those of the deleted conversations. */
  messages: number;
  /** LangGraph checkpoint rows of the deleted conversations' threads. */
  checkpoints: number;
}

/**
 * A conversation is kept whole while someone still has to act on it: an open or claimed hand-off, or an
 * approval whose graph has not resumed yet. Its thread id is `<channel>:<external_id>` (threadIdOf).
 */
const UNPROTECTED = `
  not exists (select 1 from handoffs h where h.conversation_id = c.id and h.status in ('open', 'claimed'))
  and not exists (select 1 from approvals a where a.thread_id = c.channel || ':' || c.external_id and a.resumed_at is null)`;

/** Conversation-log retention (CONVERSATION_RETENTION_DAYS), over the product's own tables. */
export function createRetentionRepo(pool: pg.Pool) {
  return {
    /**
     * Deletes conversations with no message and no update since `cutoff` (messages, hand-offs and notes go by
     * cascade; their checkpoints and demo offers explicitly), then messages older than `cutoff` in the
     * conversations that stay. Protected conversations keep everything. One transaction.
     */
    async purgeBefore(cutoff: Date): Promise<RetentionReport> {
      return withTransaction(pool, async (db) => {
        const { rows: expired } = await db.query<{ id: string; thread: string; messages: number }>(
          `select c.id, c.channel || ':' || c.external_id as thread,
                  (select count(*)::int from messages m where m.conversation_id = c.id) as messages
             from conversations c
            where c.updated_at < $1
              and not exists (select 1 from messages m where m.conversation_id = c.id and m.created_at >= $1)
              and ${UNPROTECTED}
            for update of c`,
          [cutoff],
        );
        const ids = expired.map((r) => r.id);
        const threads = expired.map((r) => r.thread);
        let checkpoints = 0;
        const { rows: present } = await db.query("select to_regclass('checkpoints') is not null as present");
        if (present[0]?.present === true && threads.length) {
          await db.query("delete from checkpoint_writes where thread_id = any($1::text[])", [threads]);
          await db.query("delete from checkpoint_blobs where thread_id = any($1::text[])", [threads]);
          checkpoints = (await db.query("delete from checkpoints where thread_id = any($1::text[])", [threads])).rowCount ?? 0;
        }
        await db.query("delete from demo_offers where conversation_id = any($1::text[])", [ids]);
        await db.query("delete from conversations where id = any($1::text[])", [ids]);
        const old = await db.query(
          `delete from messages m using conversations c
            where m.conversation_id = c.id and m.created_at < $1 and ${UNPROTECTED}`,
          [cutoff],
        );
        return {
          conversations: ids.length,
          messages: expired.reduce((n, r) => n + r.messages, 0) + (old.rowCount ?? 0),
          checkpoints,
        };
      });
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
