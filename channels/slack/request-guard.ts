import { createHash } from "node:crypto";
import express, { type RequestHandler } from "express";
import type { Clock } from "../../src/core/clock.js";
import type { EventDeduper } from "../../src/core/dedupe.js";
import { BadInputError, PayloadTooLargeError, UnauthorizedError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/logger.js";
import { parseSlackEnvelope } from "./payloads.js";
import { verifySlackRequest } from "./verify-request.js";

export interface SlackGuardDeps {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  deduper: EventDeduper;
  bodyLimitBytes: number;
  /** The slash command we answer; others are refused rather than left for Bolt to time out. */
  command: string;
}

/**
 * Runs before Bolt on the events route: reads the raw body (size-limited), verifies the signature with our
 * clock, rejects bodies we do not understand, and answers duplicate deliveries with a bare 200. Only a
 * verified, well-formed, first-time request reaches Bolt, which gets the same raw body as `req.rawBody`.
 */
export function slackRequestGuard(deps: SlackGuardDeps): RequestHandler[] {
  const log = deps.logger.child({ channel: "slack" });
  const readRaw = express.raw({ type: () => true, limit: deps.bodyLimitBytes });

  const readBody: RequestHandler = (req, res, next) => {
    readRaw(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { type?: string; status?: number };
      log.warn({ reason: e.type ?? String(error) }, "slack request body rejected");
      next(e.type === "entity.too.large" ? new PayloadTooLargeError(`Slack request body exceeds ${deps.bodyLimitBytes} bytes`) : new BadInputError("unreadable Slack request body"));
    });
  };

  const verify: RequestHandler = async (req, res, next) => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
      // A body parser ran first: the raw bytes the signature covers are gone. A wiring bug, not a bad request.
      log.error("Slack request body was parsed before the Slack route: mount the Slack routes before any JSON body parser");
      return next(new Error("Slack routes mounted after a body parser"));
    }
    const raw: Buffer = req.body ?? Buffer.alloc(0);
    const body = raw.toString("utf8");
    const verdict = verifySlackRequest({ signingSecret: deps.signingSecret, body, headers: req.headers, nowMs: deps.clock.now().getTime() });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason, retry: req.get("x-slack-retry-num") }, "slack request rejected");
      return next(new UnauthorizedError(`Slack signature check failed: ${verdict.reason}`));
    }
    const mediaType = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const parsed = parseSlackEnvelope(mediaType, body);
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason }, "slack request malformed");
      return next(new BadInputError(`Slack request not understood: ${parsed.reason}`));
    }
    const { envelope } = parsed;
    if (envelope.kind === "command" && envelope.body.command !== deps.command) {
      log.warn({ command: envelope.body.command }, "slack command not handled");
      return next(new BadInputError(`Slack command ${envelope.body.command} is not handled here`));
    }
    if (envelope.kind === "app_rate_limited") {
      log.warn("slack paused event delivery: app_rate_limited");
      res.status(200).end();
      return;
    }
    // A signed request is valid for 5 minutes: a byte-identical replay (a slash command or button press sent
    // again by someone who saw it) carries the same signature and timestamp, and is run once only.
    const replayKey = createHash("sha256").update(`${req.get("x-slack-signature")}:${req.get("x-slack-request-timestamp")}`).digest("hex");
    if (envelope.kind !== "url_verification" && !(await deps.deduper.firstTime("slack-request", replayKey))) {
      log.warn({ kind: envelope.kind, retry: req.get("x-slack-retry-num") }, "slack request replayed; ignored");
      res.status(200).end();
      return;
    }
    if (envelope.kind === "event" && !(await deps.deduper.firstTime("slack", envelope.body.event_id))) {
      log.info({ eventId: envelope.body.event_id, retry: req.get("x-slack-retry-num") }, "slack duplicate event ignored");
      res.status(200).end();
      return;
    }
    // Bolt reads `rawBody` when present and compares the content type literally.
    Object.assign(req, { rawBody: raw });
    req.headers["content-type"] = mediaType;
    next();
  };

  return [readBody, verify];
}
