import twilio from "twilio";
import type { Logger } from "../../src/core/logger.js";
import { inQuietHours, quietHoursEnd, type QuietHours } from "./quiet-hours.js";
import { formatSms } from "./sms-format.js";
import { TwilioWireClient } from "./twilio-request-client.js";

export const E164 = /^\+[1-9]\d{6,14}$/;

/** Twilio's error for a recipient who replied STOP to this sender: the carrier will not deliver. */
const TWILIO_UNSUBSCRIBED = 21610;

export type SmsSendResult =
  | { status: "sent"; sid: string; to: string; text: string }
  | { status: "deferred"; reason: "quiet_hours"; until: Date }
  | { status: "blocked"; reason: "no_consent" | "unsubscribed_at_carrier" | "invalid_number" }
  | { status: "failed"; httpStatus?: number; code?: number; error: string };

export interface SmsSender {
  /** Sends a follow-up now, or says why not. Never throws for Twilio's answers; the caller reschedules deferrals. */
  send(to: string, text: string): Promise<SmsSendResult>;
}

export interface SmsSenderDeps {
  accountSid: string;
  authToken: string;
  /** Our Twilio number (E.164) or messaging service sender. */
  from: string;
  /** TWILIO_API_URL: another base URL for the REST API (a local fake in tests). */
  apiUrl?: string;
  /** Consent check (the consent store): false means never message this number. */
  canSend(phone: string): Promise<boolean>;
  now: () => Date;
  quietHours: QuietHours;
  /** IANA time zone of the recipient (from the contact record or the number's country). */
  timezoneOf(phone: string): string | Promise<string>;
  logger?: Logger;
  /** Retries after HTTP 429 (default 3), each waiting Retry-After up to maxRetryDelayMs (default 10 s). */
  maxRetries?: number;
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Outbound SMS for follow-ups through the real twilio client: only with consent, never in the recipient's
 * quiet hours (the answer says until when to defer), trimmed to two segments, retrying HTTP 429 after
 * Retry-After a bounded number of times.
 */
export function createSmsSender(deps: SmsSenderDeps): SmsSender {
  const client = twilio(deps.accountSid, deps.authToken, {
    httpClient: new TwilioWireClient({
      apiUrl: deps.apiUrl,
      maxRetries: deps.maxRetries ?? 3,
      maxRetryDelayMs: deps.maxRetryDelayMs ?? 10_000,
      sleep: deps.sleep ?? defaultSleep,
    }),
  });
  const log = deps.logger?.child({ channel: "sms" });

  return {
    async send(to, text) {
      if (!E164.test(to)) return { status: "blocked", reason: "invalid_number" };
      if (!(await deps.canSend(to))) {
        log?.info("sms follow-up blocked: no consent");
        return { status: "blocked", reason: "no_consent" };
      }
      const now = deps.now();
      const timeZone = await deps.timezoneOf(to);
      if (inQuietHours(now, timeZone, deps.quietHours)) {
        const until = quietHoursEnd(now, timeZone, deps.quietHours);
        log?.info({ until: until.toISOString(), timeZone }, "sms follow-up deferred: quiet hours");
        return { status: "deferred", reason: "quiet_hours", until };
      }
      const body = formatSms(text);
      try {
        const message = await client.messages.create({ to, from: deps.from, body });
        log?.info({ sid: message.sid }, "sms sent");
        return { status: "sent", sid: message.sid, to, text: body };
      } catch (error) {
        const e = error as { status?: number; code?: number; message?: string };
        if (e.code === TWILIO_UNSUBSCRIBED) return { status: "blocked", reason: "unsubscribed_at_carrier" };
        log?.warn({ httpStatus: e.status, code: e.code }, "sms send failed");
        return { status: "failed", httpStatus: e.status, code: e.code, error: e.message ?? String(error) };
      }
    },
  };
}
