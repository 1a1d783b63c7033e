/**
 * A one-reader queue that is also an async iterable: the producer pushes and ends (or fails) it, the reader
 * iterates. A reader that stops early (break, return) only stops listening: the producer keeps running and its
 * later pushes are dropped.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private detached = false;

  push(item: T): void {
    if (this.ended || this.detached) return;
    this.items.push(item);
    this.wake();
  }

  end(last?: T): void {
    if (last !== undefined) this.push(last);
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        const item = this.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (this.ended) {
          if (this.failure) throw this.failure.error;
          return;
        }
        await new Promise<void>((resolve) => (this.waiting = resolve));
      }
    } finally {
      this.detached = true;
      this.items.length = 0;
    }
  }
}
