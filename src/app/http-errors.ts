import type { ErrorRequestHandler } from "express";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../infra/postgres/unavailable.js";

/** The one place errors become HTTP responses: expected errors keep their status, the rest are 500s. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = res.locals.requestId as string | undefined;
    if (error instanceof AppError) {
      if (error.code === "conversation_busy") res.set("retry-after", "1");
      res.status(error.status).json({ error: error.code, reason: error.message, requestId });
      return;
    }
    // body-parser's own errors carry a status and a type
    if (typeof error?.status === "number" && error.status >= 400 && error.status < 500) {
      const reason =
        error.type === "entity.too.large"
          ? "request body is larger than the limit"
          : error.type === "entity.parse.failed"
            ? "request body is not valid JSON"
            : error.message;
      res.status(error.status).json({ error: error.type ?? "bad_request", reason, requestId });
      return;
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, requestId, path: req.path }, "database unavailable");
      res.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json({ error: "database_unavailable", reason: "the database is not answering; try again shortly", requestId });
      return;
    }
    logger.error({ err: error, requestId, path: req.path }, "unhandled error");
    res.status(500).json({ error: "internal", reason: "internal error", requestId });
  };
}
