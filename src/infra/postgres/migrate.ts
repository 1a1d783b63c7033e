import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { withTransaction, type Database } from "./pool.js";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const LOCK_KEY = 7_316_001; // any constant; serialises migrations across processes sharing one database

export interface Migration {
  id: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ""), sql: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** Applies, in one transaction under an advisory lock, every migration not yet in schema_migrations. */
export async function migrate(pool: pg.Pool, migrations = listMigrations()): Promise<string[]> {
  return withTransaction(pool, async (client) => {
    await client.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await client.query(
      "create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())",
    );
    const done = new Set((await client.query<{ id: string }>("select id from schema_migrations")).rows.map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await client.query(m.sql);
      await client.query("insert into schema_migrations (id) values ($1)", [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}

/**
 * Runs library schema set-ups (the LangGraph checkpointer's and Store's `setup()`, which create their tables
 * with "if not exists" but no lock) one process at a time: two processes starting together on a fresh
 * PostgreSQL otherwise collide in the catalog ("duplicate key value violates pg_class_relname_nsp_index").
 * The lock is held on a connection of its own, since the set-ups use their own connections. PGlite is one
 * process and one session, so there it simply runs.
 */
export async function withSetupLock<T>(db: Pick<Database, "kind" | "url">, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== "postgres") return fn();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY + 1]);
    return await fn();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_KEY + 1]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
