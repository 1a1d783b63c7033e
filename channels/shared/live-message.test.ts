import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { createLiveMessage, type LiveMessageOps } from "./live-message.js";

function recorder(options: { failPost?: boolean; editMs?: number } = {}) {
  const calls: Array<{ op: "post" | "edit"; text: string; at: number }> = [];
  const ops: LiveMessageOps = {
    async post(text) {
      calls.push({ op: "post", text, at: Date.now() });
      if (options.failPost) throw new Error("channel_not_found");
    },
    async edit(text) {
      calls.push({ op: "edit", text, at: Date.now() });
      if (options.editMs) await new Promise((resolve) => setTimeout(resolve, options.editMs));
    },
  };
  return { calls, ops };
}

const timing = { firstAfterMs: 500, intervalMs: 1000 };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createLiveMessage", () => {
  it("posts nothing for a turn that settles before the first delay", async () => {
    const { calls, ops } = recorder();
    const live = createLiveMessage(ops, timing, silentLogger());
    live.show("Working on it…");
    live.show("Helix");
    await vi.advanceTimersByTimeAsync(400);
    await expect(live.settle()).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
  });

  it("posts once after the first delay, then edits at most once per interval with the latest text", async () => {
    const { calls, ops } = recorder();
    const live = createLiveMessage(ops, timing, silentLogger());
    live.show("Working on it…");
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 1; i <= 25; i++) {
      live.show(`word ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    await expect(live.settle()).resolves.toBe(true);
    expect(calls[0]).toEqual({ op: "post", text: "Working on it…", at: 500 });
    const edits = calls.slice(1);
    expect(edits.every((c) => c.op === "edit")).toBe(true);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(edits.at(-1)!.text).toMatch(/^word \d+$/);
  });

  it("never runs two calls at once, and settle waits for the one in flight", async () => {
    const { calls, ops } = recorder({ editMs: 3000 });
    const live = createLiveMessage(ops, { firstAfterMs: 0, intervalMs: 100 }, silentLogger());
    live.show("a");
    await vi.advanceTimersByTimeAsync(0);
    live.show("b");
    await vi.advanceTimersByTimeAsync(150);
    live.show("c");
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c.text)).toEqual(["a", "b"]);
    let settled = false;
    const settling = live.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    await settling;
    expect(calls.map((c) => c.text)).toEqual(["a", "b"]);
  });

  it("gives up after a failed post, so the final answer is posted on its own", async () => {
    const { calls, ops } = recorder({ failPost: true });
    const live = createLiveMessage(ops, { firstAfterMs: 0, intervalMs: 100 }, silentLogger());
    live.show("a");
    await vi.advanceTimersByTimeAsync(10);
    live.show("b");
    await vi.advanceTimersByTimeAsync(1000);
    await expect(live.settle()).resolves.toBe(false);
    expect(calls).toEqual([{ op: "post", text: "a", at: 0 }]);
  });
});
