import type pg from "pg";
import { Gauge } from "prom-client";
import { queueStats } from "../infra/jobs/queue-health.js";
import type { Metrics } from "./metrics.js";

/**
 * Gauges filled at scrape time: hand-offs and opt-outs from the database (the same in every process, and they
 * survive restarts), queue depth and recent job failures from the pg-boss tables, and this process's pool usage.
 * A failed read leaves the gauge empty rather than failing the scrape.
 */
export function installStateGauges(metrics: Metrics, pool: pg.Pool): void {
  if (metrics.registry.getSingleMetric("salesgraph_db_pool_connections")) return;
  const registers = [metrics.registry];
  new Gauge({
    name: "salesgraph_db_pool_connections",
    help: "Database pool connections of this process by state (total, idle, waiting clients)",
    labelNames: ["state"] as const,
    registers,
    collect() {
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  new Gauge({
    name: "salesgraph_handoffs",
    help: "Hand-offs in the database by kind and status",
    labelNames: ["kind", "status"] as const,
    registers,
    async collect() {
      this.reset();
      const { rows } = await pool.query<{ kind: string; status: string; n: number }>("select kind, status, count(*)::int as n from handoffs group by 1, 2").catch(() => ({ rows: [] }));
      for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: "salesgraph_opt_outs",
    help: "Withdrawn consents (opt-outs) in the database by channel",
    labelNames: ["channel"] as const,
    registers,
    async collect() {
      this.reset();
      const { rows } = await pool.query<{ channel: string; n: number }>("select channel, count(*)::int as n from consents where status = 'withdrawn' group by 1").catch(() => ({ rows: [] }));
      for (const r of rows) this.set({ channel: r.channel }, r.n);
    },
  });
  new Gauge({
    name: "salesgraph_queue_jobs",
    help: "Jobs in the job queue by job name and state (waiting, active, failed in the last 24 h)",
    labelNames: ["job", "state"] as const,
    registers,
    async collect() {
      this.reset();
      for (const q of (await queueStats(pool).catch(() => undefined)) ?? []) {
        this.set({ job: q.name, state: "waiting" }, q.waiting);
        this.set({ job: q.name, state: "active" }, q.active);
        this.set({ job: q.name, state: "failed_24h" }, q.failed24h);
      }
    },
  });
}
