import { describe, expect, it } from "vitest";
import type { EventDeduper } from "../../src/core/dedupe.js";

/** What every EventDeduper must do, run against the memory and the Postgres implementation alike. */
export function describeEventDeduper(label: string, make: () => EventDeduper | Promise<EventDeduper>): void {
  describe(`EventDeduper: ${label}`, () => {
    const unique = () => `id-${Math.random().toString(36).slice(2)}`;

    it("says firstTime once per (source, id)", async () => {
      const deduper = await make();
      const id = unique();
      expect(await deduper.firstTime("slack", id)).toBe(true);
      expect(await deduper.firstTime("slack", id)).toBe(false);
      expect(await deduper.firstTime("slack", id)).toBe(false);
    });

    it("keeps sources apart", async () => {
      const deduper = await make();
      const id = unique();
      expect(await deduper.firstTime("slack", id)).toBe(true);
      expect(await deduper.firstTime("twilio", id)).toBe(true);
    });

    it("lets exactly one of many concurrent deliveries through", async () => {
      const deduper = await make();
      const id = unique();
      const results = await Promise.all(Array.from({ length: 20 }, () => deduper.firstTime("twilio", id)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
