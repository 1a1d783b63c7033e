import type pg from "pg";
import type { Clock } from "../../core/clock.js";
import type { RateDecision, RateLimiter } from "../../core/rate-limit.js";

// One statement refills the bucket by the time elapsed, takes a token when there is one and counts refusals
// in a row, so two processes taking from one bucket at once still see a consistent count.
const TAKE = `
insert into rate_limits as b (key, tokens, updated_ms, refusals)
values ($1, $2::float8 - 1, $4::float8, 0)
on conflict (key) do update set
  tokens = case when least($2::float8, b.tokens + greatest(0, $4::float8 - b.updated_ms) * $3::float8) >= 1
                then least($2::float8, b.tokens + greatest(0, $4::float8 - b.updated_ms) * $3::float8) - 1
                else least($2::float8, b.tokens + greatest(0, $4::float8 - b.updated_ms) * $3::float8) end,
  refusals = case when least($2::float8, b.tokens + greatest(0, $4::float8 - b.updated_ms) * $3::float8) >= 1
                  then 0 else b.refusals + 1 end,
  updated_ms = greatest(b.updated_ms, $4::float8)
returning tokens, refusals`;

const PURGE = "delete from rate_limits where updated_ms < $1";

/**
 * A token bucket per sender in PostgreSQL: every process serving the database draws on the same budget, so
 * a visitor cannot multiply it by the number of processes or by switching between /api/chat and
 * /api/chat/stream. `scope` keeps budgets of different channels apart.
 */
export function createPostgresRateLimiter(options: {
  pool: pg.Pool;
  scope: string;
  perMinute: number;
  burst?: number;
  clock: Clock;
  /** Buckets idle this long are full again and are deleted now and then. */
  purgeEvery?: number;
  onError?: (error: unknown) => void;
}): RateLimiter {
  if (!(options.perMinute > 0)) throw new RangeError("perMinute must be positive");
  const capacity = Math.max(1, options.burst ?? options.perMinute);
  const refillPerMs = options.perMinute / 60_000;
  const fullAfterMs = Math.max(capacity / refillPerMs, 60_000);
  const purgeEvery = options.purgeEvery ?? 1000;
  let takes = 0;
  return {
    async take(sender): Promise<RateDecision> {
      const now = options.clock.now().getTime();
      const { rows } = await options.pool.query<{ tokens: number; refusals: number }>(TAKE, [`${options.scope}:${sender}`, capacity, refillPerMs, now]);
      takes += 1;
      if (takes % purgeEvery === 0) options.pool.query(PURGE, [now - fullAfterMs]).catch((error: unknown) => options.onError?.(error));
      const { tokens, refusals } = rows[0]!;
      if (refusals === 0) return { allowed: true };
      return { allowed: false, notify: refusals === 1, retryAfterMs: Math.max(1, Math.ceil((1 - tokens) / refillPerMs)) };
    },
  };
}
