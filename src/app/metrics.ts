import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics for one process; a registry per container so tests do not share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: "salesgraph_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: "salesgraph_turn_seconds",
    help: "Time to run one conversation turn through the graph",
    labelNames: ["channel", "intent"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequests, turnSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;
