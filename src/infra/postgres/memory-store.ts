import type pg from "pg";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import { boundedPoolConfig, type Database, type DatabaseOptions } from "./pool.js";

/**
 * The LangGraph Store for memory that spans conversations (contact profiles), on the same database as the
 * checkpoints. PostgresStore opens its own pool; on PGlite it gets one connection, as our own pool does
 * (the store runs single statements, no transactions of its own). On PostgreSQL that pool gets the same
 * connect, statement and query bounds as ours.
 */
export async function openMemoryStore(
  db: Database,
  onError?: (error: Error) => void,
  bounds: Pick<DatabaseOptions, "connectTimeoutMs" | "statementTimeoutMs" | "queryTimeoutMs"> = {},
): Promise<{ store: PostgresStore; close(): Promise<void> }> {
  const connectionOptions: pg.PoolConfig =
    db.kind === "pglite" ? { connectionString: db.url, max: 1 } : boundedPoolConfig(db.url, { ...bounds, poolMax: 4 });
  const store = new PostgresStore({ connectionOptions });
  // The store builds its pool without an error listener: an idle connection dropped by the server would then
  // crash the process with an unhandled 'error' event. The pool is not public, so reach it defensively.
  const pool = (store as unknown as { core?: { pool?: pg.Pool } }).core?.pool;
  pool?.on("error", (error) => onError?.(error));
  await store.setup();
  return { store, close: () => store.stop() };
}
