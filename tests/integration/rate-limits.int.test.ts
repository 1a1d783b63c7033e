import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/clock.js";
import { createPostgresRateLimiter } from "../../src/infra/postgres/rate-limits-repo.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

describe.each(kinds)("token buckets in the database (%s)", (kind) => {
  let db: TestDatabase;
  let now = Date.UTC(2026, 0, 5, 9);
  const clock: Clock = { now: () => new Date(now) };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("allows the burst, refuses with one notice and a retry time, refills with time", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, scope: "t1", perMinute: 3, clock });
    const takes = [];
    for (let i = 0; i < 5; i++) takes.push(await limiter.take("alice"));
    expect(takes.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(takes[3]).toEqual({ allowed: false, notify: true, retryAfterMs: 20_000 });
    expect(takes[4]).toMatchObject({ allowed: false, notify: false });
    expect(await limiter.take("bob")).toEqual({ allowed: true });
    now += 20_000;
    expect(await limiter.take("alice")).toEqual({ allowed: true });
    expect(await limiter.take("alice")).toMatchObject({ allowed: false, notify: true });
  });

  it("two limiters on one database share one budget, also when they take at once", async () => {
    const a = createPostgresRateLimiter({ pool: db.pool, scope: "t2", perMinute: 10, clock });
    const b = createPostgresRateLimiter({ pool: db.pool, scope: "t2", perMinute: 10, clock });
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).take("carol")));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // scopes keep channels apart
    const sms = createPostgresRateLimiter({ pool: db.pool, scope: "sms", perMinute: 10, clock });
    expect(await sms.take("carol")).toEqual({ allowed: true });
  });

  it("forgets buckets that have been idle long enough to be full again", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, scope: "t3", perMinute: 60, clock, purgeEvery: 2 });
    await limiter.take("dave");
    now += 10 * 60_000;
    await limiter.take("erin");
    await new Promise((r) => setTimeout(r, 50));
    const deadline = Date.now() + 2_000;
    let keys: string[] = [];
    do {
      keys = (await db.pool.query<{ key: string }>("select key from rate_limits where key like 't3:%'")).rows.map((r) => r.key);
    } while (keys.includes("t3:dave") && Date.now() < deadline);
    expect(keys).toEqual(["t3:erin"]);
  });
});
