import { createHmac, timingSafeEqual } from "node:crypto";

export const SLACK_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

export interface SlackRequestToVerify {
  signingSecret: string;
  /** The raw request body exactly as received: re-serialised JSON would not match the signature. */
  body: string;
  headers: Record<string, string | string[] | undefined>;
  nowMs: number;
}

export type SlackVerification = { ok: true; timestampSec: number } | { ok: false; reason: string };

function header(headers: SlackRequestToVerify["headers"], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The `X-Slack-Signature` value Slack sends for this timestamp and body. */
export function slackSignature(signingSecret: string, timestampSec: number | string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

/**
 * Slack's request signing: `v0=HMAC-SHA256(secret, "v0:{timestamp}:{raw body}")`, compared in constant time,
 * with the timestamp within five minutes of now in either direction so a captured request cannot be replayed.
 */
export function verifySlackRequest(request: SlackRequestToVerify): SlackVerification {
  if (!request.signingSecret) return { ok: false, reason: "no signing secret configured" };
  const signature = header(request.headers, "x-slack-signature");
  const timestamp = header(request.headers, "x-slack-request-timestamp");
  if (!signature || !timestamp) return { ok: false, reason: "missing X-Slack-Signature or X-Slack-Request-Timestamp" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "X-Slack-Request-Timestamp is not a number" };
  const timestampSec = Number(timestamp);
  if (Math.abs(request.nowMs - timestampSec * 1000) > SLACK_TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, reason: "X-Slack-Request-Timestamp is more than 5 minutes from now" };
  }
  const expected = Buffer.from(slackSignature(request.signingSecret, timestamp, request.body));
  const actual = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; the expected length is public (fixed by SHA-256), so this leaks nothing.
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true, timestampSec };
}
