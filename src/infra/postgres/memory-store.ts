import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import type { Database } from "./pool.js";

/**
 * The LangGraph Store for memory that spans conversations (contact profiles), on the same database as the
 * checkpoints. PostgresStore opens its own pool; on PGlite it gets one connection, as our own pool does
 * (the store runs single statements, no transactions of its own).
 */
export async function openMemoryStore(db: Database): Promise<{ store: PostgresStore; close(): Promise<void> }> {
  const store = new PostgresStore({ connectionOptions: { connectionString: db.url, max: db.kind === "pglite" ? 1 : 4 } });
  await store.setup();
  return { store, close: () => store.stop() };
}
