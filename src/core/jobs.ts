/**
 * The job queue every slow or scheduled piece of work goes through (intel fetches, digests, cleanup,
 * follow-ups, retraining): backed by PostgreSQL so any process may run a job, a job outlives the process
 * that queued it, and a scheduled job runs once per slot however many processes are up.
 */
export type JobData = Record<string, unknown>;

export interface JobContext {
  id: string;
  name: string;
  /** 0 on the first run, then 1, 2… on retries after a failure or a crash. */
  retryCount: number;
}

export type JobHandler<T extends JobData = JobData> = (data: T, job: JobContext) => Promise<void>;

export interface JobQueue {
  readonly kind: string;
  /** Runs `name` on a cron schedule (UTC, five fields); calling it again replaces the schedule. */
  schedule(name: string, cron: string, data?: JobData): Promise<void>;
  /** Queues one run; returns the job id. */
  send(name: string, data?: JobData): Promise<string | null>;
  /** Runs the handler for jobs of `name` in this process; a throw fails the job and it is retried with backoff. */
  work<T extends JobData>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Stops taking jobs and waits (bounded) for the running ones. */
  stop(): Promise<void>;
}
