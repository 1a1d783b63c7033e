import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.js";

async function drain<T>(queue: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const item of queue) seen.push(item);
  return seen;
}

describe("EventQueue", () => {
  it("gives items pushed before and while the reader waits, then ends", async () => {
    const queue = new EventQueue<number>();
    queue.push(1);
    const reading = drain(queue);
    await Promise.resolve();
    queue.push(2);
    setTimeout(() => queue.end(3), 5);
    await expect(reading).resolves.toEqual([1, 2, 3]);
  });

  it("throws the producer's failure after the items before it", async () => {
    const queue = new EventQueue<number>();
    const seen: number[] = [];
    queue.push(1);
    queue.fail(new Error("turn failed"));
    await expect(
      (async () => {
        for await (const item of queue) seen.push(item);
      })(),
    ).rejects.toThrow("turn failed");
    expect(seen).toEqual([1]);
  });

  it("drops later pushes once the reader stopped, without failing the producer", async () => {
    const queue = new EventQueue<number>();
    queue.push(1);
    queue.push(2);
    for await (const item of queue) if (item === 1) break;
    expect(() => {
      queue.push(3);
      queue.end(4);
    }).not.toThrow();
    await expect(drain(queue)).resolves.toEqual([]);
  });
});
