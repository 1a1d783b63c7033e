/**
 * Whether an error means "the database cannot answer now" (refused, reset, hung, shutting down, timed out)
 * rather than a bug or bad data. Such errors become 503 with Retry-After; the pool reconnects by itself once
 * the database is back, so no restart is needed.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EPIPE", "EAI_AGAIN"]);
// SQLSTATE: 08 connection exception; 57P01-03 shutdown / cannot connect now; 53300 too many connections;
// 57014 statement cancelled (statement_timeout); 55P03 lock not available (lock_timeout).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300|57014)$/;
const MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i;

function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (!error || depth > 5) return;
  yield error;
  const e = error as { cause?: unknown; errors?: unknown[] };
  if (e.cause) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
