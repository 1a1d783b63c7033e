import pg from "pg";
import { ConversationBusyError } from "../../core/errors.js";
import { boundedPoolConfig } from "./pool.js";

export interface AdvisoryLocks {
  /**
   * Runs `task` holding the session advisory lock for `key` (hashed to 64 bits). Waits at most `timeoutMs` for
   * it, then throws `ConversationBusyError`. The lock is held on a client of a pool of its own, so a turn that
   * waits never takes a connection the running turn needs.
   */
  withLock<T>(key: string, timeoutMs: number, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const LOCK_NOT_AVAILABLE = "55P03";

/** Per-key locks shared by every process on one PostgreSQL database (pg_advisory_lock with lock_timeout). */
export function createAdvisoryLocks(options: {
  url: string;
  max: number;
  connectTimeoutMs?: number;
  onError?: (error: Error) => void;
}): AdvisoryLocks {
  const pool = new pg.Pool({
    ...boundedPoolConfig(options.url, { poolMax: options.max, connectTimeoutMs: options.connectTimeoutMs }),
    // the wait is bounded by lock_timeout, set per acquisition; these only catch a hung server
    statement_timeout: 0,
    query_timeout: 0,
  });
  pool.on("error", (error) => options.onError?.(error));

  return {
    async withLock(key, timeoutMs, task) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        try {
          // set_config runs before the lock call in the same statement, so the wait is bounded
          await client.query({
            text: "select set_config('lock_timeout', $2, false), pg_advisory_lock(hashtextextended($1, 0))",
            values: [key, `${Math.max(1, Math.round(timeoutMs))}ms`],
            query_timeout: timeoutMs + (options.connectTimeoutMs ?? 5_000),
          } as pg.QueryConfig);
        } catch (error) {
          if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new ConversationBusyError();
          broken = error as Error;
          throw error;
        }
        try {
          return await task();
        } finally {
          try {
            await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
          } catch (error) {
            // ending the session releases the lock
            broken = error as Error;
          }
        }
      } finally {
        client.release(broken ?? false);
      }
    },
    close: () => pool.end(),
  };
}
