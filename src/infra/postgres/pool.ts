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
  /** A connection (TCP and start-up) not made in this time fails (default 5 s). */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer (default 30 s). */
  statementTimeoutMs?: number;
  /** The client gives up on a query with no answer (a hung server; default 35 s). */
  queryTimeoutMs?: number;
  /** Where errors of idle connections go (a dropped connection is replaced on the next query). */
  onError?: (error: Error) => void;
}

/** Pool settings that bound a dead or hung PostgreSQL: nothing waits on it forever. */
export function boundedPoolConfig(url: string, options: Pick<DatabaseOptions, "poolMax" | "connectTimeoutMs" | "statementTimeoutMs" | "queryTimeoutMs">): pg.PoolConfig {
  return {
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    query_timeout: options.queryTimeoutMs ?? 35_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  };
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the database";
  }
}

/**
 * One code path for both databases: the same `pg.Pool` talks to real PostgreSQL or to PGlite served on a
 * loopback port by pglite-socket. PGlite is a single session, so its pool holds exactly one connection.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool(boundedPoolConfig(options.url, options));
    // An idle client's error must not crash the process; the pool drops that client and the next query reconnects.
    pool.on("error", (error) => options.onError?.(error));
    try {
      await pool.query("select 1");
    } catch (error) {
      await pool.end().catch(() => undefined);
      const reason = (error as Error)?.message?.split("\n")[0] ?? String(error);
      throw new Error(`database ${describeTarget(options.url)} is not available: ${reason}`, { cause: error });
    }
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
  pool.on("error", (error) => options.onError?.(error));
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
