import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { ForbiddenError, UnauthorizedError } from "../core/errors.js";

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Guards operator endpoints (hand-off queue and other internal data). With SALESGRAPH_API_TOKEN set, a
 * matching bearer token is required; without one, only requests from this machine are served.
 */
export function requireOperator(apiToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (apiToken) {
      const header = req.get("authorization") ?? "";
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match) return next(new UnauthorizedError("a bearer token is required"));
      if (!sameToken(match[1]!.trim(), apiToken)) return next(new ForbiddenError("the bearer token is not valid"));
      return next();
    }
    if (!isLoopback(req.socket.remoteAddress)) {
      return next(new ForbiddenError("set SALESGRAPH_API_TOKEN to reach operator endpoints from another machine"));
    }
    next();
  };
}
