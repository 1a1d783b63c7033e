import type { JobData, JobHandler, JobQueue } from "../core/jobs.js";
import type { Metrics } from "./metrics.js";

/**
 * The queue with every handler counted: salesgraph_job_runs_total{job, outcome="ok"|"failed"} per run and
 * salesgraph_job_failures_total{job} per throw (the throw still reaches pg-boss, which retries the job).
 */
export function countJobRuns(queue: JobQueue, metrics: Pick<Metrics, "jobRuns" | "jobFailures">): JobQueue {
  return {
    kind: queue.kind,
    schedule: (name, cron, data) => queue.schedule(name, cron, data),
    send: (name, data) => queue.send(name, data),
    stop: () => queue.stop(),
    work: <T extends JobData>(name: string, handler: JobHandler<T>) =>
      queue.work<T>(name, async (data, job) => {
        try {
          await handler(data, job);
          metrics.jobRuns.inc({ job: name, outcome: "ok" });
        } catch (error) {
          metrics.jobRuns.inc({ job: name, outcome: "failed" });
          metrics.jobFailures.inc({ job: name });
          throw error;
        }
      }),
  };
}
