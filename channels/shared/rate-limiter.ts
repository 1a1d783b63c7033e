import type { Clock } from "../../src/core/clock.js";
import { systemClock } from "../../src/core/clock.js";

import type { RateDecision, RateLimiter } from "../../src/core/rate-limit.js";

export type { RateDecision, RateLimiter };

/** The in-memory limiter answers at once. */
export interface MemoryRateLimiter extends RateLimiter {
  take(sender: string): RateDecision;
}

export interface RateLimiterOptions {
  /** Sustained messages per minute per sender (config `server.rateLimitPerMinute`). */
  perMinute: number;
  /** Bucket size: how many messages may arrive at once. Defaults to perMinute. */
  burst?: number;
  clock?: Clock;
  /** Senders tracked at most; idle full buckets are forgotten first. */
  maxSenders?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  notified: boolean;
}

/**
 * Per-sender token bucket in this process's memory. Pure apart from the injected clock; no timers. With more
 * than one process use the PostgreSQL limiter (one budget for all of them).
 */
export function createRateLimiter(options: RateLimiterOptions): MemoryRateLimiter {
  if (!(options.perMinute > 0)) throw new RangeError("perMinute must be positive");
  const capacity = Math.max(1, options.burst ?? options.perMinute);
  const refillPerMs = options.perMinute / 60_000;
  const clock = options.clock ?? systemClock;
  const maxSenders = options.maxSenders ?? 50_000;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * refillPerMs);
    bucket.updatedAt = now;
  }

  function forgetIdle(now: number): void {
    const fullAfterMs = capacity / refillPerMs;
    for (const [key, bucket] of buckets) {
      if (buckets.size < maxSenders) return;
      if (now - bucket.updatedAt >= fullAfterMs) buckets.delete(key);
    }
    // Still full of active senders: drop the oldest rather than grow.
    const oldest = buckets.keys().next();
    if (buckets.size >= maxSenders && !oldest.done) buckets.delete(oldest.value);
  }

  return {
    take(sender) {
      const now = clock.now().getTime();
      let bucket = buckets.get(sender);
      if (!bucket) {
        if (buckets.size >= maxSenders) forgetIdle(now);
        bucket = { tokens: capacity, updatedAt: now, notified: false };
        buckets.set(sender, bucket);
      } else {
        refill(bucket, now);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        bucket.notified = false;
        return { allowed: true };
      }
      const notify = !bucket.notified;
      bucket.notified = true;
      return { allowed: false, notify, retryAfterMs: Math.ceil((1 - bucket.tokens) / refillPerMs) };
    },
  };
}
