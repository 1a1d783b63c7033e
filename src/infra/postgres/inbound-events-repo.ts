import type pg from "pg";
import type { EventDeduper } from "../../core/dedupe.js";

/**
 * De-duplication shared by every process: the primary key of `inbound_events` (source, event_id) decides
 * which delivery of a retried webhook runs. `on conflict do nothing` makes the check and the claim one atomic
 * statement, so two processes receiving the same retry at once still run it once.
 */
export function createInboundEventsRepo(pool: pg.Pool): EventDeduper & { purgeBefore(cutoff: Date): Promise<number> } {
  return {
    async firstTime(source, id) {
      const result = await pool.query(
        "insert into inbound_events (source, event_id) values ($1, $2) on conflict (source, event_id) do nothing",
        [source, id],
      );
      return result.rowCount === 1;
    },

    /** Deletes ids received before the cutoff (platforms stop retrying within minutes or hours). */
    async purgeBefore(cutoff) {
      const result = await pool.query("delete from inbound_events where received_at < $1", [cutoff]);
      return result.rowCount ?? 0;
    },
  };
}

export type InboundEventsRepo = ReturnType<typeof createInboundEventsRepo>;
