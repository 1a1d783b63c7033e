export type RateDecision =
  | { allowed: true }
  /** `notify` is true only for the first refusal of a throttled spell: tell the sender once, then stay quiet. */
  | { allowed: false; notify: boolean; retryAfterMs: number };

/** A per-sender budget. In one process's memory, or shared by every process through PostgreSQL. */
export interface RateLimiter {
  take(sender: string): RateDecision | Promise<RateDecision>;
}
