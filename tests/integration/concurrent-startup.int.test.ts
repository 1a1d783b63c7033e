import { describe, expect, it } from "vitest";
import { createContainer } from "../../src/app/container.js";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { openDatabase } from "../../src/infra/postgres/pool.js";
import { openTestDatabase, postgresReachable } from "../helpers/databases.js";

const reachable = await postgresReachable();

describe.skipIf(!reachable)("two processes starting together on a fresh PostgreSQL", () => {
  it("both finish set-up: migrations, checkpointer and Store tables are created once, without a catalog race", async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await openTestDatabase("postgres", { migrate: false });
      const other = await openDatabase({ url: fresh.url, dataDir: "", poolMax: 5 });
      const config = loadConfig({ LOG_LEVEL: "silent", JOBS_ENABLED: "false" });
      try {
        const containers = await Promise.all([fresh, other].map((db) => createContainer(config, { db, logger: silentLogger() })));
        const tables = await fresh.pool.query("select count(*)::int as n from pg_tables where tablename in ('checkpoints', 'store')");
        expect(tables.rows[0].n).toBe(2);
        await Promise.all(containers.map((c) => c.close()));
      } finally {
        await other.close();
        await fresh.dispose();
      }
    }
  });
});
