import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { RequestHandler } from "express";
import type { Tracer } from "../core/spans.js";

/**
 * The root SERVER span of every request, active for the whole handler chain: request and response emitters
 * are bound to its context, so body parsing and everything a route awaits nest under it. Named by method and
 * route template (never the URL: paths and query strings carry ids and signed links). Incoming `traceparent`
 * headers are not honoured: visitors are not trusted to choose our trace ids.
 */
export function traceRequests(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    const span = tracer.startSpan(req.method, {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": req.method },
    }, context.active());
    const ctx = trace.setSpan(context.active(), span);
    context.bind(ctx, req);
    context.bind(ctx, res);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : undefined;
      if (route) {
        span.setAttribute("http.route", route);
        span.updateName(`${req.method} ${route}`);
      }
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute("http.response.aborted", true);
      span.end();
    };
    res.once("finish", end);
    res.once("close", end);
    context.with(ctx, next);
  };
}
