import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { describeEventDeduper } from "../../tests/contract/event-deduper.contract.js";
import { createMemoryDeduper } from "./dedupe.js";

describeEventDeduper("memory", () => createMemoryDeduper());

describe("createMemoryDeduper", () => {
  it("forgets ids after the TTL", async () => {
    const clock = fixedClock("2025-01-01T00:00:00Z");
    const deduper = createMemoryDeduper({ ttlMs: 1000, clock });
    await deduper.firstTime("twilio", "SM1");
    clock.advance(999);
    expect(await deduper.firstTime("twilio", "SM1")).toBe(false);
    clock.advance(1);
    expect(await deduper.firstTime("twilio", "SM1")).toBe(true);
  });

  it("keeps at most maxEntries ids, dropping the oldest", async () => {
    const deduper = createMemoryDeduper({ maxEntries: 2 });
    await deduper.firstTime("s", "1");
    await deduper.firstTime("s", "2");
    await deduper.firstTime("s", "3");
    expect(await deduper.firstTime("s", "3")).toBe(false);
    expect(await deduper.firstTime("s", "1")).toBe(true);
  });
});
