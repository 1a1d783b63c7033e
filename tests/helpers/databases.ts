import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/infra/postgres/pool.js";
import { migrate } from "../../src/infra/postgres/migrate.js";

/**
 * Where integration suites run: always on an in-memory PGlite, and on real PostgreSQL when one answers at
 * TEST_DATABASE_URL (default: the CI server, postgres@127.0.0.1:5432/test). Each suite gets its own
 * throwaway database, dropped afterwards.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export interface TestDatabase extends Database {
  /** Drops the throwaway database (PostgreSQL) or closes PGlite. */
  dispose(): Promise<void>;
}

export async function openTestDatabase(kind: "pglite" | "postgres", options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let db: Database;
  let drop = async () => undefined as void;
  if (kind === "pglite") {
    db = await openDatabase({ dataDir: "", inMemory: true });
  } else {
    const name = `sg_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    db = await openDatabase({ url: url.toString(), dataDir: "", poolMax: 10 });
    drop = async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  if (options.migrate !== false) await migrate(db.pool);
  return {
    ...db,
    async dispose() {
      await db.close();
      await drop();
    },
  };
}

/** The database kinds this run can test: PGlite always, PostgreSQL when reachable. */
export async function databaseKinds(): Promise<("pglite" | "postgres")[]> {
  return (await postgresReachable()) ? ["pglite", "postgres"] : ["pglite"];
}
