import type pg from "pg";
import { withTransaction } from "./pool.js";

/**
 * Removes a thread's newest LangGraph checkpoint (root namespace) so its parent is the latest again: the
 * checkpoint row, its pending writes and the channel blobs only it refers to. The blobs matter: the saver
 * numbers channel versions from the parent, so the next turn writes the same version numbers, and its
 * `on conflict do nothing` would otherwise keep the rolled-back turn's values. A thread whose only
 * checkpoint this is loses all its rows, as a new conversation has none.
 */
export function createCheckpointRollback(pool: pg.Pool) {
  return async function rollBackCheckpoint(threadId: string): Promise<void> {
    await withTransaction(pool, async (client) => {
      const { rows } = await client.query(
        `select checkpoint_id, parent_checkpoint_id, checkpoint -> 'channel_versions' as versions
           from checkpoints where thread_id = $1 and checkpoint_ns = '' order by checkpoint_id desc limit 1 for update`,
        [threadId],
      );
      const latest = rows[0];
      if (!latest) return;
      if (!latest.parent_checkpoint_id) {
        await client.query("delete from checkpoint_writes where thread_id = $1", [threadId]);
        await client.query("delete from checkpoint_blobs where thread_id = $1", [threadId]);
        await client.query("delete from checkpoints where thread_id = $1", [threadId]);
        return;
      }
      await client.query(
        `delete from checkpoint_blobs b
          where b.thread_id = $1 and b.checkpoint_ns = ''
            and exists (select 1 from jsonb_each_text($2::jsonb) v where v.key = b.channel and v.value = b.version)
            and not exists (
              select 1 from checkpoints p, jsonb_each_text(p.checkpoint -> 'channel_versions') pv
               where p.thread_id = $1 and p.checkpoint_ns = '' and p.checkpoint_id = $3
                 and pv.key = b.channel and pv.value = b.version)`,
        [threadId, JSON.stringify(latest.versions ?? {}), latest.parent_checkpoint_id],
      );
      await client.query("delete from checkpoint_writes where thread_id = $1 and checkpoint_ns = '' and checkpoint_id = $2", [
        threadId,
        latest.checkpoint_id,
      ]);
      await client.query("delete from checkpoints where thread_id = $1 and checkpoint_ns = '' and checkpoint_id = $2", [
        threadId,
        latest.checkpoint_id,
      ]);
    });
  };
}
