import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../../src/demo/generate.js";
import { countRows, isSeeded, seedDemoData, type SeedResult } from "../../src/demo/seed.js";
import { DEMO_TABLES } from "../../src/demo/types.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const NOW = new Date("2026-11-01T00:00:00Z");
const SEED = 7;
const kinds = await databaseKinds();

describe.each(kinds)("seedDemoData on %s", (kind) => {
  let db: TestDatabase;
  let first: SeedResult;
  let seedMs = 0;
  const expected = generateDemoData({ seed: SEED, now: NOW });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const started = performance.now();
    first = await seedDemoData(db.pool, { seed: SEED, now: NOW });
    seedMs = performance.now() - started;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("inserts every generated row in well under ten seconds", async () => {
    expect(first.inserted).toBe(true);
    for (const table of DEMO_TABLES) expect(first.counts[table], table).toBe(expected[table].length);
    expect(await countRows(db.pool)).toEqual(first.counts);
    expect(seedMs).toBeLessThan(10_000);
  });

  it("does nothing the second time and reports the rows already there", async () => {
    expect(await isSeeded(db.pool)).toBe(true);
    const again = await seedDemoData(db.pool, { seed: SEED, now: NOW });
    expect(again.inserted).toBe(false);
    expect(again.counts).toEqual(first.counts);
    expect(await countRows(db.pool)).toEqual(first.counts);
  });

  it("stores values unchanged: money, booleans, nulls, timestamps and dates", async () => {
    const deal = expected.deals.find((d) => d.stage === "won")!;
    const { rows } = await db.pool.query<{ amount: string; close_value: string; closed_at: Date; expected_close_date: string | null }>(
      "select amount, close_value, closed_at, to_char(expected_close_date, 'YYYY-MM-DD') as expected_close_date from deals where id = $1",
      [deal.id],
    );
    expect(Number(rows[0]!.amount)).toBe(deal.amount);
    expect(Number(rows[0]!.close_value)).toBe(deal.close_value);
    expect(rows[0]!.closed_at.toISOString()).toBe(deal.closed_at);
    expect(rows[0]!.expected_close_date).toBeNull();

    const sums = await db.pool.query<{ amount: string; converted: number; demo: number }>(
      "select (select sum(amount) from deals)::text as amount, (select count(*)::int from leads where converted) as converted, (select count(*)::int from leads where demo_requested) as demo",
    );
    const amount = expected.deals.reduce((s, d) => s + d.amount, 0);
    expect(Number(sums.rows[0]!.amount)).toBeCloseTo(amount, 2);
    expect(sums.rows[0]!.converted).toBe(expected.leads.filter((l) => l.converted).length);
    expect(sums.rows[0]!.demo).toBe(expected.leads.filter((l) => l.demo_requested).length);
  });

  it("keeps stage history ordered in the database, ending at the deal's stage", async () => {
    const { rows } = await db.pool.query<{ bad: number }>(`
      select count(*)::int as bad from deals d
      join lateral (select stage from deal_stage_history h where h.deal_id = d.id order by entered_at desc, id desc limit 1) last on true
      where last.stage <> d.stage`);
    expect(rows[0]!.bad).toBe(0);
  });
});
