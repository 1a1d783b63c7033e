import type pg from "pg";

export interface QueueStat {
  name: string;
  /** Created or waiting to retry. */
  waiting: number;
  active: number;
  /** Failed for good (retries used up) in the last 24 hours. */
  failed24h: number;
  /** Age in seconds of the oldest job still waiting. */
  oldestWaitingSeconds: number | null;
}

/**
 * What the pg-boss tables say about each queue, for /metrics and `salesgraph doctor`. Undefined when the queue
 * was never started in this database (no `pgboss` schema yet).
 */
export async function queueStats(pool: pg.Pool, now: Date = new Date()): Promise<QueueStat[] | undefined> {
  const exists = await pool.query<{ ok: boolean }>("select to_regclass('pgboss.job') is not null as ok");
  if (!exists.rows[0]?.ok) return undefined;
  const { rows } = await pool.query(
    `select name,
            count(*) filter (where state in ('created', 'retry'))::int as waiting,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state = 'failed' and completed_on > $1::timestamptz - interval '24 hours')::int as failed24h,
            extract(epoch from $1::timestamptz - min(created_on) filter (where state in ('created', 'retry') and start_after <= $1))::float8 as oldest
       from pgboss.job group by name order by name`,
    [now],
  );
  return rows.map((r) => ({
    name: r.name,
    waiting: Number(r.waiting),
    active: Number(r.active),
    failed24h: Number(r.failed24h),
    oldestWaitingSeconds: r.oldest === null ? null : Math.round(Number(r.oldest)),
  }));
}
