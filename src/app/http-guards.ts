import type { Request, RequestHandler } from "express";
import { createRateLimiter } from "../../channels/shared/rate-limiter.js";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { Metrics } from "./metrics.js";

/**
 * The route template a request matched (`/api/chat/:conversationId`), or one fixed label. Never the raw path:
 * every distinct label is a time series held in memory, and anyone can make up paths.
 */
export function routeLabel(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === "string" ? `${req.baseUrl}${path}` : "unmatched";
}

/** Request id, one log line and one counter per request, labelled by route template. */
export function requestTelemetry(deps: { metrics: Metrics; logger: Logger; newId: () => string }): RequestHandler {
  return (req, res, next) => {
    const requestId = (req.get("x-request-id") ?? "").replace(/[^\w.:-]/g, "").slice(0, 100) || deps.newId();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const route = routeLabel(req);
      deps.metrics.httpRequests.inc({ method: knownMethod(req.method), route, status: String(res.statusCode) });
      deps.logger.info({ requestId, method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }, "http");
    });
    next();
  };
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
function knownMethod(method: string): string {
  return METHODS.has(method) ? method : "OTHER";
}

/** 414 for a URL longer than the limit, before any routing or parsing. */
export function limitUrl(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    if (Buffer.byteLength(req.originalUrl) > maxBytes) return next(new AppError(`URL longer than ${maxBytes} bytes`, 414, "uri_too_long"));
    next();
  };
}

/**
 * A per-client budget every request passes, matched or not (probes of unknown paths included), before any
 * body is read. Held in this process's memory with a bounded number of clients: it protects this process
 * from floods without a database round trip per request. Chat and webhook budgets are shared through
 * PostgreSQL instead. `exempt` paths (health checks from the load balancer) are not counted.
 */
export function limitEveryRequest(deps: { perMinute: number; exempt: readonly string[] }): RequestHandler {
  const limiter = createRateLimiter({ perMinute: deps.perMinute, maxSenders: 20_000 });
  const exempt = new Set(deps.exempt);
  return (req, res, next) => {
    if (exempt.has(req.path)) return next();
    const decision = limiter.take(req.ip ?? req.socket.remoteAddress ?? "unknown");
    if (decision.allowed) return next();
    res.set("retry-after", String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
    next(new AppError("too many requests; please slow down", 429, "rate_limited"));
  };
}
