import type pg from "pg";

/**
 * Conversation references per channel user (e.g. Teams), in the database so that any process can send a
 * proactive message. Stored as given: the adapter decides what may be saved (only from authenticated
 * inbound activities) and which reference wins.
 */
export function createChannelReferencesRepo<T extends object>(pool: pg.Pool, channel: string) {
  return {
    async save(userId: string, reference: T): Promise<void> {
      await pool.query(
        `insert into channel_references (channel, user_id, reference, updated_at) values ($1, $2, $3, now())
         on conflict (channel, user_id) do update set reference = excluded.reference, updated_at = now()`,
        [channel, userId, JSON.stringify(reference)],
      );
    },

    async find(userId: string): Promise<T | undefined> {
      const { rows } = await pool.query("select reference from channel_references where channel = $1 and user_id = $2", [
        channel,
        userId,
      ]);
      return rows[0]?.reference as T | undefined;
    },
  };
}
