import { Router } from "express";
import type pg from "pg";
import { DATABASE_RETRY_AFTER_SECONDS } from "../infra/postgres/unavailable.js";
import { requireBearer } from "./operator-auth.js";
import type { Metrics } from "./metrics.js";

/** Resolves true when the database answers `select 1` within `ms`; a hung database counts as down. */
export async function databaseAnswers(pool: pg.Pool, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    // query_timeout frees the connection of a hung server; the race also bounds the wait for a connection
    const check = pool.query({ text: "select 1", query_timeout: ms } as pg.QueryConfig).then(
      () => true,
      () => false,
    );
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: liveness — the process runs and serves HTTP; it never touches the database, so a database
 * outage does not get healthy processes restarted. `/readyz`: readiness — the database answered within
 * 1 s; otherwise 503 with Retry-After, and the load balancer sends traffic elsewhere until it recovers.
 * `/metrics`: Prometheus text behind METRICS_TOKEN.
 */
export function createHealthRoutes(deps: {
  pool: pg.Pool;
  database: string;
  llm: string;
  metrics: Metrics;
  metricsToken?: string;
  readyTimeoutMs?: number;
}): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok", database: deps.database, llm: deps.llm });
  });
  router.get("/readyz", async (_req, res) => {
    if (await databaseAnswers(deps.pool, deps.readyTimeoutMs ?? 900)) {
      res.json({ status: "ready", database: deps.database });
      return;
    }
    res.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS)).status(503).json({ status: "unavailable", database: deps.database, reason: "the database did not answer within 1 s" });
  });
  router.get("/metrics", requireBearer(deps.metricsToken, "/metrics"), async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
