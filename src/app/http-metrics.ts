import type { RequestHandler } from "express";
import { SLACK_EVENTS_PATH } from "../../channels/slack/slack-adapter.js";
import { TWILIO_SMS_PATH } from "../../channels/sms/twilio-adapter.js";
import { TEAMS_MESSAGES_PATH } from "../../channels/teams/teams-adapter.js";
import { WEB_CHAT_STREAM_PATH } from "../../channels/web/sse-routes.js";
import type { EventDeduper } from "../core/dedupe.js";
import type { Metrics } from "./metrics.js";

/** Channel entry points by exact path; labels are these fixed channel names, never the raw path. */
const WEBHOOKS: Record<string, string> = { [SLACK_EVENTS_PATH]: "slack", [TWILIO_SMS_PATH]: "sms", [TEAMS_MESSAGES_PATH]: "teams" };
const CHAT: Record<string, string> = { "/api/chat": "web", [WEB_CHAT_STREAM_PATH]: "web" };

const REASONS: Record<number, string> = { 400: "bad_request", 401: "unauthenticated", 403: "bad_signature", 413: "too_large", 415: "unsupported_type", 429: "rate_limited" };

/**
 * Counts, per channel, webhook requests refused before any work (by status reason) and messages refused by a
 * rate limit (HTTP 429 on a webhook or the chat API).
 */
export function channelTelemetry(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    const webhook = WEBHOOKS[req.path];
    const channel = webhook ?? CHAT[req.path];
    if (!channel) return next();
    res.on("finish", () => {
      const status = res.statusCode;
      if (status === 429) metrics.rateLimitRefusals.inc({ channel });
      if (webhook && status >= 400 && status < 500) metrics.webhookRejections.inc({ channel, reason: REASONS[status] ?? `http_${status}` });
    });
    next();
  };
}

/** Counts deliveries dropped as repeats (platform retries), by the adapter's fixed source name. */
export function countingDeduper<D extends EventDeduper>(deduper: D, metrics: Metrics): D {
  return {
    ...deduper,
    async firstTime(source: string, id: string) {
      const first = await deduper.firstTime(source, id);
      if (!first) metrics.dedupeHits.inc({ source: source.replace(/[^a-z0-9_-]/gi, "").slice(0, 32) || "unknown" });
      return first;
    },
  };
}
