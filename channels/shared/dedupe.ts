import type { Clock } from "../../src/core/clock.js";
import { systemClock } from "../../src/core/clock.js";
import type { EventDeduper } from "../../src/core/dedupe.js";

export type { EventDeduper };

export interface MemoryDeduperOptions {
  /** How long an event id is remembered. Slack retries within ~5 minutes; Twilio does not retry by default. */
  ttlMs?: number;
  /** Upper bound on remembered ids, so a flood cannot grow memory without limit. */
  maxEntries?: number;
  clock?: Clock;
}

/** One-process de-duplication. With more than one process use the Postgres deduper instead. */
export function createMemoryDeduper(options: MemoryDeduperOptions = {}): EventDeduper {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const clock = options.clock ?? systemClock;
  // Map keeps insertion order, and expiries grow with insertion time, so the oldest entries come first.
  const seen = new Map<string, number>();

  function evict(now: number): void {
    for (const [key, expiresAt] of seen) {
      if (expiresAt > now && seen.size < maxEntries) break;
      seen.delete(key);
    }
  }

  return {
    async firstTime(source, id) {
      const now = clock.now().getTime();
      evict(now);
      const key = `${source}\u0000${id}`;
      const expiresAt = seen.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      seen.set(key, now + ttlMs);
      return true;
    },
  };
}
