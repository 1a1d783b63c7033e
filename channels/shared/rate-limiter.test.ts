import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { createRateLimiter } from "./rate-limiter.js";

describe("createRateLimiter", () => {
  it("lets a burst through, then refuses, telling the sender only once", () => {
    const clock = fixedClock("2025-01-01T00:00:00Z");
    const limiter = createRateLimiter({ perMinute: 3, clock });
    expect([1, 2, 3].map(() => limiter.take("+15550001").allowed)).toEqual([true, true, true]);
    expect(limiter.take("+15550001")).toEqual({ allowed: false, notify: true, retryAfterMs: 20_000 });
    expect(limiter.take("+15550001")).toEqual({ allowed: false, notify: false, retryAfterMs: 20_000 });
  });

  it("refills one token every 60/perMinute seconds and re-arms the notice", () => {
    const clock = fixedClock("2025-01-01T00:00:00Z");
    const limiter = createRateLimiter({ perMinute: 6, burst: 1, clock });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a")).toMatchObject({ allowed: false, notify: true, retryAfterMs: 10_000 });
    clock.advance(4_000);
    expect(limiter.take("a")).toMatchObject({ allowed: false, notify: false, retryAfterMs: 6_000 });
    clock.advance(6_000);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a")).toMatchObject({ allowed: false, notify: true });
  });

  it("keeps senders apart", () => {
    const limiter = createRateLimiter({ perMinute: 1, clock: fixedClock("2025-01-01T00:00:00Z") });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("never holds more than a burst, however long a sender was idle", () => {
    const clock = fixedClock("2025-01-01T00:00:00Z");
    const limiter = createRateLimiter({ perMinute: 2, clock });
    limiter.take("a");
    clock.advance(24 * 3600_000);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, false]);
  });

  it("bounds the senders it remembers", () => {
    const clock = fixedClock("2025-01-01T00:00:00Z");
    const limiter = createRateLimiter({ perMinute: 1, clock, maxSenders: 2 });
    limiter.take("a");
    limiter.take("b");
    limiter.take("c"); // forgets "a", the oldest
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("refuses a non-positive rate", () => {
    expect(() => createRateLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});
