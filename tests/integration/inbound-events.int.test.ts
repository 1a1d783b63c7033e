import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundEventsRepo, type InboundEventsRepo } from "../../src/infra/postgres/inbound-events-repo.js";
import { describeEventDeduper } from "../contract/event-deduper.contract.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

describe.each(kinds)("inbound_events on %s", (kind) => {
  let db: TestDatabase;
  let repo: InboundEventsRepo;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    repo = createInboundEventsRepo(db.pool);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  describeEventDeduper(kind, () => repo);

  it("survives a new repo over the same database (a restart, or another process)", async () => {
    expect(await repo.firstTime("slack", "Ev-restart")).toBe(true);
    expect(await createInboundEventsRepo(db.pool).firstTime("slack", "Ev-restart")).toBe(false);
  });

  it("purges old ids, after which a delivery counts as new again", async () => {
    expect(await repo.firstTime("twilio", "SM-old")).toBe(true);
    await db.pool.query("update inbound_events set received_at = now() - interval '2 days' where event_id = 'SM-old'");
    expect(await repo.purgeBefore(new Date(Date.now() - 24 * 3600_000))).toBe(1);
    expect(await repo.firstTime("twilio", "SM-old")).toBe(true);
  });
});
