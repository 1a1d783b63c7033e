/** Runs tasks with the same key one after another, tasks with different keys concurrently. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /**
   * With `wait.timeoutMs`, a task still queued after that long is not run: its promise rejects with
   * `wait.error()` and the queue moves on without it.
   */
  run<T>(key: string, task: () => Promise<T>, wait?: { timeoutMs: number; error: () => Error }): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const next = previous.then(() => {
      if (timedOut) throw wait!.error();
      clearTimeout(timer);
      return task();
    });
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    if (!wait) return next;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(wait.error());
      }, wait.timeoutMs);
      timer.unref();
    });
    // The timer is cleared when the task starts: only the wait before it is bounded, never the task.
    return Promise.race([next, expired]);
  }
}
