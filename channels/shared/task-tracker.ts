/** Keeps the promises of turns that run after the platform was acknowledged, so shutdown can wait for them. */
export interface TaskTracker {
  /** Remembers the task until it settles; the caller handles its errors. */
  track(task: Promise<unknown>): void;
  drain(): Promise<void>;
}

export function createTaskTracker(): TaskTracker {
  const running = new Set<Promise<void>>();
  const ignore = () => undefined;
  return {
    track(task) {
      const settled: Promise<void> = task.then(ignore, ignore).finally(() => {
        running.delete(settled);
      });
      running.add(settled);
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
