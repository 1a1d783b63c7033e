import { describe, expect, it } from "vitest";
import { KeyedMutex } from "../../src/app/keyed-mutex.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("KeyedMutex", () => {
  it("runs tasks with the same key one after another, in order", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    await Promise.all([
      mutex.run("a", async () => {
        log.push("a1 start");
        await sleep(20);
        log.push("a1 end");
      }),
      mutex.run("a", async () => {
        log.push("a2 start");
        log.push("a2 end");
      }),
    ]);
    expect(log).toEqual(["a1 start", "a1 end", "a2 start", "a2 end"]);
  });

  it("runs different keys concurrently and keeps going after a failure", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const slow = mutex.run("a", async () => {
      await sleep(20);
      log.push("a");
    });
    const fast = mutex.run("b", async () => log.push("b"));
    const failing = mutex.run("b", async () => {
      throw new Error("boom");
    });
    const after = mutex.run("b", async () => "still runs");
    await Promise.all([slow, fast]);
    await expect(failing).rejects.toThrow("boom");
    await expect(after).resolves.toBe("still runs");
    expect(log).toEqual(["b", "a"]);
  });
});
