import { describe, expect, it } from "vitest";
import type { JobHandler, JobQueue } from "../core/jobs.js";
import { countJobRuns } from "./job-metrics.js";
import { createMetrics } from "./metrics.js";

function fakeQueue() {
  const handlers = new Map<string, JobHandler>();
  const queue: JobQueue = {
    kind: "fake",
    schedule: async () => undefined,
    send: async () => null,
    stop: async () => undefined,
    work: async (name, handler) => {
      handlers.set(name, handler as JobHandler);
    },
  };
  return { queue, run: (name: string) => handlers.get(name)!({}, { id: "1", name, retryCount: 0 }) };
}

describe("countJobRuns", () => {
  it("counts every run by outcome and every failure, and still lets the failure reach the queue", async () => {
    const metrics = createMetrics();
    const fake = fakeQueue();
    const queue = countJobRuns(fake.queue, metrics);
    await queue.work("purge", async () => undefined);
    await queue.work("retrain", async () => {
      throw new Error("no database");
    });
    await fake.run("purge");
    await fake.run("purge");
    await expect(fake.run("retrain")).rejects.toThrow("no database");
    const text = await metrics.registry.metrics();
    expect(text).toContain('salesgraph_job_runs_total{job="purge",outcome="ok"} 2');
    expect(text).toContain('salesgraph_job_runs_total{job="retrain",outcome="failed"} 1');
    expect(text).toContain('salesgraph_job_failures_total{job="retrain"} 1');
  });
});
