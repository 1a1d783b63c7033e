import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface Database {
  pool: pg.Pool;
  kind: "postgres" | "pglite";
  /** Connection string the pool uses (for PGlite: the loopback socket). */
  url: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; without it an embedded PGlite is opened under dataDir. */
  url?: string;
  dataDir: string;
  poolMax?: number;
  /** Keep PGlite in memory (tests, benchmarks). */
  inMemory?: boolean;
}

/**
 * One code path for both databases: the same `pg.Pool` talks to real PostgreSQL or to PGlite served on a
 * loopback port by pglite-socket. PGlite is a single session, so its pool holds exactly one connection.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    pool.on("error", () => undefined); // idle-client errors surface on the next query instead of crashing
    await pool.query("select 1");
    return { pool, kind: "postgres", url: options.url, close: () => pool.end() };
  }

  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = path.join(options.dataDir, "pgdata");
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => undefined);
  await pool.query("select 1");
  return {
    pool,
    kind: "pglite",
    url,
    async close() {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}

/** Runs fn in one transaction on one client. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await fn(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
