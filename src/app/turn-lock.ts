import { ConversationBusyError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { createAdvisoryLocks } from "../infra/postgres/advisory-locks.js";
import type { Database } from "../infra/postgres/pool.js";
import { KeyedMutex } from "./keyed-mutex.js";

/** One turn per conversation at a time, however many processes serve it. */
export interface TurnLock {
  /** Runs `task` alone for `key`; throws `ConversationBusyError` (409) when the turn cannot start in time. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Turns of one conversation queue in this process first (so one process holds at most one database lock per
 * conversation), then, on PostgreSQL, take an advisory lock keyed by the thread, which every process serving
 * the database respects. PGlite is one process and one session: the in-process queue is the whole lock.
 * The timeout bounds the whole wait, in the queue and for the database lock.
 */
export function createTurnLock(deps: { db: Pick<Database, "kind" | "url">; timeoutMs: number; poolMax: number; connectTimeoutMs?: number; logger: Logger }): TurnLock {
  const local = new KeyedMutex();
  const busy = () => new ConversationBusyError();
  if (deps.db.kind !== "postgres") {
    return { run: (key, task) => local.run(key, task, { timeoutMs: deps.timeoutMs, error: busy }), close: async () => undefined };
  }
  const locks = createAdvisoryLocks({
    url: deps.db.url,
    // one connection per conversation mid-turn in this process (idle, holding its lock): room for many
    // more conversations at once than the query pool has connections, or a slow model turn would queue others
    max: Math.max(20, 4 * deps.poolMax),
    connectTimeoutMs: deps.connectTimeoutMs,
    onError: (error) => deps.logger.warn({ err: error }, "turn-lock connection dropped"),
  });
  return {
    run(key, task) {
      const deadline = performance.now() + deps.timeoutMs;
      return local.run(key, () => locks.withLock(key, Math.max(1, deadline - performance.now()), task), { timeoutMs: deps.timeoutMs, error: busy });
    },
    close: () => locks.close(),
  };
}
