import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/core/logger.js";

/** Bolt and its WebClient log through this, so their lines reach our structured log instead of the console. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-bolt" });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(" ");
  return {
    debug: (...parts: unknown[]) => log.debug(line(parts)),
    info: (...parts: unknown[]) => log.info(line(parts)),
    warn: (...parts: unknown[]) => log.warn(line(parts)),
    error: (...parts: unknown[]) => log.error(line(parts)),
    // Our level is set once, from configuration; Bolt may not change it.
    setLevel: () => undefined,
    getLevel: () => (log.isLevelEnabled("debug") ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => undefined,
  };
}
