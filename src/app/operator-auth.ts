import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { ForbiddenError, UnauthorizedError } from "../core/errors.js";

/** Who an operator request was let in as: the token's fingerprint (never the token), or this machine. */
export interface OperatorIdentity {
  via: "token" | "loopback";
  /** `token:1a2b3c4d` or `loopback:127.0.0.1`, for audit rows and logs. */
  actor: string;
}

/** The peer of the TCP connection, whatever X-Forwarded-For says: a proxy cannot make a request loopback. */
export function isLoopbackSocket(req: Request): boolean {
  const address = req.socket.remoteAddress;
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenFingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 8);
}

/** The identity `requireOperator` let in, for handlers that audit. */
export function operatorOf(res: Response): OperatorIdentity | undefined {
  return res.locals.operator as OperatorIdentity | undefined;
}

const LOOPBACK_ALLOWED = "operatorLoopbackAllowed";

/**
 * Mounted once in front of every route when SALESGRAPH_OPERATOR_LOOPBACK=true and no token is configured:
 * marks requests whose TCP peer is this machine, which `requireOperator` then lets in. Without it (the
 * default) an operator route with no token configured is off.
 */
export function allowLoopbackOperators(): RequestHandler {
  return (req, res, next) => {
    if (isLoopbackSocket(req)) res.locals[LOOPBACK_ALLOWED] = true;
    next();
  };
}

/**
 * Guards operator endpoints (hand-off queue and other internal data). With SALESGRAPH_API_TOKEN set, a
 * matching bearer token is required. Without one the routes are off (403), unless the server marked the
 * request with `allowLoopbackOperators` (development: SALESGRAPH_OPERATOR_LOOPBACK=true).
 */
export function requireOperator(apiToken: string | undefined): RequestHandler {
  const fingerprint = apiToken ? tokenFingerprint(apiToken) : undefined;
  return (req, res, next) => {
    if (apiToken) {
      const header = req.get("authorization") ?? "";
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match) return next(new UnauthorizedError("a bearer token is required"));
      if (!sameToken(match[1]!.trim(), apiToken)) return next(new ForbiddenError("the bearer token is not valid"));
      res.locals.operator = { via: "token", actor: `token:${fingerprint}` } satisfies OperatorIdentity;
      return next();
    }
    if (res.locals[LOOPBACK_ALLOWED] === true) {
      res.locals.operator = { via: "loopback", actor: `loopback:${req.socket.remoteAddress}` } satisfies OperatorIdentity;
      return next();
    }
    next(new ForbiddenError("operator routes are off: set SALESGRAPH_API_TOKEN (or SALESGRAPH_OPERATOR_LOOPBACK=true for local development)"));
  };
}

/** A bearer check for one fixed token (METRICS_TOKEN), with the same loopback allowance. */
export function requireBearer(token: string | undefined, what: string): RequestHandler {
  const operator = requireOperator(token);
  return (req, res, next) =>
    operator(req, res, (error?: unknown) => {
      if (error instanceof ForbiddenError && !token) return next(new ForbiddenError(`${what} is off: set METRICS_TOKEN`));
      next(error as Error | undefined);
    });
}
