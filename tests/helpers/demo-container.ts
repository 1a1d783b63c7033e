import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import { createContainer, type Container } from "../../src/app/container.js";
import { fixedClock } from "../../src/core/clock.js";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { openTestDatabase, type TestDatabase } from "./databases.js";

export interface DemoContainer {
  db: TestDatabase;
  container: Container;
  close(): Promise<void>;
}

/**
 * The real container (no HTTP) over a throwaway database with the demo CRM and knowledge base loaded, on a
 * fixed clock: for whole-conversation tests that drive `container.handler` turn by turn.
 */
export async function startDemoContainer(
  kind: "pglite" | "postgres",
  options: { now: string; env?: Record<string, string> },
): Promise<DemoContainer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sg-demo-"));
  const db = await openTestDatabase(kind);
  await seedDemoData(db.pool);
  const config = loadConfig({ LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: tmp, ...options.env });
  const container = await createContainer(config, { db, logger: silentLogger(), clock: fixedClock(options.now) });
  await seedDemoKnowledge(container.kb);
  return {
    db,
    container,
    async close() {
      await container.close();
      await db.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
