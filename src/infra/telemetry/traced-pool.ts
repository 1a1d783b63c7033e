import { SpanKind, SpanStatusCode, type Span } from "@opentelemetry/api";
import type pg from "pg";
import { errorType, type Tracer } from "../../core/spans.js";

type Query = (...args: unknown[]) => unknown;

/**
 * One CLIENT span per SQL statement on this pool: `pool.query`, and queries on a client checked out with
 * `await pool.connect()` (transactions). pool.query's own internal checkout is left alone, so each statement
 * is counted once, and its span starts where the caller is (the tool), not where the pool hands out a client.
 * Spans name the operation and the first table, never the statement's values.
 */
export function traceQueries(pool: pg.Pool, tracer: Tracer): void {
  const checkedOut = new WeakSet<object>();
  const wrapped = new WeakSet<object>();
  const poolQuery = pool.query.bind(pool) as Query;
  pool.query = ((...args: unknown[]) => tracedCall(tracer, poolQuery, args)) as typeof pool.query;

  const connect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
  pool.connect = ((cb?: unknown) => {
    if (typeof cb === "function") return connect(cb); // pool.query's own checkout
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const clientQuery = client.query.bind(client) as Query;
        client.query = ((...args: unknown[]) =>
          checkedOut.has(client) ? tracedCall(tracer, clientQuery, args) : clientQuery(...args)) as typeof client.query;
      }
      checkedOut.add(client);
      const release = client.release;
      client.release = (error?: Error | boolean) => {
        checkedOut.delete(client);
        return release.call(client, error);
      };
      return client;
    });
  }) as typeof pool.connect;
}

function tracedCall(tracer: Tracer, query: Query, args: unknown[]): unknown {
  const config = args[0] as string | { text?: string; submit?: unknown } | undefined;
  if (typeof config === "object" && config && typeof config.submit === "function") return query(...args); // cursors, streams
  const { operation, summary } = describeStatement(typeof config === "string" ? config : config?.text ?? "");
  const span = tracer.startSpan(summary, {
    kind: SpanKind.CLIENT,
    attributes: { "db.system.name": "postgresql", "db.operation.name": operation, "db.query.summary": summary },
  });
  const at = args.findIndex((a) => typeof a === "function");
  if (at >= 0) {
    const callback = args[at] as (error: unknown, result: unknown) => void;
    args[at] = (error: unknown, result: unknown) => {
      finish(span, error, result);
      callback(error, result);
    };
    return query(...args);
  }
  try {
    const result = query(...args) as Promise<unknown>;
    result.then((r) => finish(span, undefined, r), (error: unknown) => finish(span, error));
    return result;
  } catch (error) {
    finish(span, error);
    throw error;
  }
}

function finish(span: Span, error: unknown, result?: unknown): void {
  if (error) {
    span.setAttribute("error.type", errorType(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  } else if (result && typeof (result as pg.QueryResult).rowCount === "number") {
    span.setAttribute("db.response.returned_rows", (result as pg.QueryResult).rowCount!);
  }
  span.end();
}

const TABLE = /\b(?:from|into|update|join|table)\s+("?[\w.]+"?)/i;

/** `select … from conversations where …` → SELECT, "SELECT conversations"; identifiers only, no values. */
export function describeStatement(text: string): { operation: string; summary: string } {
  const operation = (/^\s*(\w+)/.exec(text)?.[1] ?? "QUERY").toUpperCase();
  const table = TABLE.exec(text)?.[1]?.replaceAll('"', "");
  return { operation, summary: table ? `${operation} ${table}` : operation };
}
