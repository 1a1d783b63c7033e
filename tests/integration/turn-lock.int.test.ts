import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTurnLock, type TurnLock } from "../../src/app/turn-lock.js";
import { ConversationBusyError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, postgresReachable, type TestDatabase } from "../helpers/databases.js";

const onPostgres = await postgresReachable();

/** Two locks over their own pools stand for two processes on one database. */
describe.skipIf(!onPostgres)("turn lock across processes on PostgreSQL", () => {
  let db: TestDatabase;
  let a: TurnLock;
  let b: TurnLock;

  beforeAll(async () => {
    db = await openTestDatabase("postgres", { migrate: false });
    a = createTurnLock({ db, timeoutMs: 300, poolMax: 4, logger: silentLogger() });
    b = createTurnLock({ db, timeoutMs: 300, poolMax: 4, logger: silentLogger() });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.dispose();
  });

  it("runs turns of one conversation one at a time across both", async () => {
    const long = createTurnLock({ db, timeoutMs: 10_000, poolMax: 4, logger: silentLogger() });
    const other = createTurnLock({ db, timeoutMs: 10_000, poolMax: 4, logger: silentLogger() });
    try {
      let inside = 0;
      let most = 0;
      const turn = async () => {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside -= 1;
      };
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? long : other).run("web:same", turn)));
      expect(most).toBe(1);
      // another conversation is not held up
      let overlapped = false;
      let release!: () => void;
      const held = long.run("web:one", () => new Promise<void>((r) => (release = r)));
      await other.run("web:two", async () => {
        overlapped = true;
      });
      release();
      await held;
      expect(overlapped).toBe(true);
    } finally {
      await long.close();
      await other.close();
    }
  });

  it("gives up with ConversationBusyError when the other process holds the conversation too long", async () => {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const held = a.run("web:busy", () => {
      entered();
      return new Promise<void>((r) => (release = r));
    });
    await inside;
    const started = performance.now();
    await expect(b.run("web:busy", async () => "ran")).rejects.toBeInstanceOf(ConversationBusyError);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3_000);
    release();
    await held;
    await expect(b.run("web:busy", async () => "ran")).resolves.toBe("ran");
  });

  it("gives up in the in-process queue too, and the queue moves on", async () => {
    let release!: () => void;
    const held = a.run("web:queue", () => new Promise<void>((r) => (release = r)));
    await expect(a.run("web:queue", async () => "late")).rejects.toBeInstanceOf(ConversationBusyError);
    release();
    await held;
    await expect(a.run("web:queue", async () => "next")).resolves.toBe("next");
  });
});

describe("turn lock on PGlite (one process)", () => {
  it("queues in process and times out with ConversationBusyError", async () => {
    const lock = createTurnLock({ db: { kind: "pglite", url: "" }, timeoutMs: 100, poolMax: 1, logger: silentLogger() });
    let release!: () => void;
    const held = lock.run("k", () => new Promise<void>((r) => (release = r)));
    await expect(lock.run("k", async () => 1)).rejects.toBeInstanceOf(ConversationBusyError);
    release();
    await held;
    await expect(lock.run("k", async () => 2)).resolves.toBe(2);
  });
});
