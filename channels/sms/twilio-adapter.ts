import express, { Router, type RequestHandler, type Response } from "express";
import twilio from "twilio";
import { z } from "zod";
import { systemClock, type Clock } from "../../src/core/clock.js";
import type { Config } from "../../src/core/config.js";
import type { EventDeduper } from "../../src/core/dedupe.js";
import { BadInputError, ConfigError, ForbiddenError, PayloadTooLargeError } from "../../src/core/errors.js";
import { hasLoneSurrogate, INVALID_UNICODE, stripControlCharacters } from "../../src/core/inbound-text.js";
import type { Logger } from "../../src/core/logger.js";
import type { ConversationHandler } from "../../src/core/ports.js";
import { createRateLimiter, type RateLimiter } from "../shared/rate-limiter.js";
import type { ChannelRoutes } from "../types.js";
import { helpText, smsKeyword } from "./keywords.js";
import { formatSms } from "./sms-format.js";
import { E164 } from "./twilio-sender.js";
import { publicUrlOf, verifyTwilioRequest } from "./verify-request.js";

export const TWILIO_SMS_PATH = "/sms/twilio";

export const SMS_TEXT = {
  slowDown: "You're sending messages faster than we can reply. Please wait a minute and try again.",
  textOnly: "Sorry, we can only read text messages. Please type your question.",
} as const;

/** The fields of Twilio's incoming-message webhook we rely on; the rest (NumMedia, FromCity…) pass through. */
const IncomingSms = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "not a Twilio message SID"),
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "not a Twilio account SID"),
  From: z.string().regex(E164, "From is not an E.164 phone number"),
  To: z.string().min(1),
  // control characters removed and lone surrogates refused before the text is stored (src/core/inbound-text.ts)
  Body: z.string().max(1600).default("").refine((text) => !hasLoneSurrogate(text), INVALID_UNICODE).transform(stripControlCharacters),
});

export interface TwilioRoutesDeps {
  handler: ConversationHandler;
  config: Config["twilio"];
  /** PUBLIC_BASE_URL: the URL Twilio calls, which it signs. Required. */
  publicBaseUrl: string | undefined;
  company: Config["company"];
  tenant: string;
  logger: Logger;
  deduper: EventDeduper;
  /** Per-number limiter; defaults to 30 messages a minute. */
  rateLimiter?: RateLimiter;
  clock?: Clock;
  /** Largest webhook body accepted (default 32 KB; a real one is 1–3 KB). */
  bodyLimitBytes?: number;
}

function twiml(res: Response, text?: string): void {
  const response = new twilio.twiml.MessagingResponse();
  if (text) response.message(text);
  res.status(200).type("text/xml").send(response.toString());
}

/**
 * Twilio's incoming-SMS webhook at `/sms/twilio`: form body parsed on this route only, the signature checked
 * against the public URL, each MessageSid handled once, then one InboundMessage per text and the handler's
 * answers returned as TwiML (empty `<Response/>` when there is nothing to send). HELP is answered here; the
 * opt-out and opt-in keywords go to the handler, which owns consent. Mount before any JSON body parser.
 */
export function createTwilioRoutes(deps: TwilioRoutesDeps): ChannelRoutes {
  const { authToken, accountSid } = deps.config;
  if (!authToken) throw new ConfigError("TWILIO_AUTH_TOKEN: required to serve SMS");
  if (!deps.publicBaseUrl) throw new ConfigError("PUBLIC_BASE_URL: required to check Twilio signatures (the URL Twilio calls)");
  const publicBaseUrl = deps.publicBaseUrl;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger.child({ channel: "sms" });
  const limiter = deps.rateLimiter ?? createRateLimiter({ perMinute: 30, clock });
  const bodyLimit = deps.bodyLimitBytes ?? 32 * 1024;
  const parseForm = express.urlencoded({ extended: false, limit: bodyLimit, parameterLimit: 200 });

  const readForm: RequestHandler = (req, res, next) => {
    parseForm(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { type?: string };
      log.warn({ reason: e.type ?? String(error) }, "sms webhook body rejected");
      next(e.type === "entity.too.large" ? new PayloadTooLargeError(`Twilio webhook body exceeds ${bodyLimit} bytes`) : new BadInputError("unreadable Twilio webhook body"));
    });
  };

  const verify: RequestHandler = (req, _res, next) => {
    const params = (req.body ?? {}) as Record<string, unknown>;
    const verdict = verifyTwilioRequest({ authToken, url: publicUrlOf(publicBaseUrl, req.originalUrl), params, signature: req.get("x-twilio-signature") });
    if (verdict.ok) return next();
    log.warn({ reason: verdict.reason }, "sms webhook rejected");
    next(verdict.status === 400 ? new BadInputError(`Twilio webhook: ${verdict.reason}`) : new ForbiddenError(`Twilio webhook: ${verdict.reason}`));
  };

  const receive: RequestHandler = async (req, res) => {
    const parsed = IncomingSms.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      log.warn({ reason: `${issue.path.join(".")}: ${issue.message}` }, "sms webhook malformed");
      throw new BadInputError(`Twilio webhook not understood: ${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    const sms = parsed.data;
    if (accountSid && sms.AccountSid !== accountSid) {
      log.warn("sms webhook for another Twilio account");
      throw new ForbiddenError("Twilio webhook: AccountSid does not match TWILIO_ACCOUNT_SID");
    }
    if (!(await deps.deduper.firstTime("twilio", sms.MessageSid))) {
      log.info({ sid: sms.MessageSid }, "sms duplicate ignored");
      return twiml(res);
    }

    const keyword = smsKeyword(sms.Body);
    // Consent changes are never throttled: a STOP must always reach the consent store.
    if (keyword !== "opt_out" && keyword !== "opt_in") {
      const rate = await limiter.take(sms.From);
      if (!rate.allowed) {
        log.info({ sid: sms.MessageSid, retryAfterMs: rate.retryAfterMs }, "sms sender rate limited");
        return twiml(res, rate.notify ? SMS_TEXT.slowDown : undefined);
      }
    }
    if (keyword === "help") return twiml(res, formatSms(helpText(deps.company)));
    if (!sms.Body.trim()) return twiml(res, SMS_TEXT.textOnly);

    let replies;
    try {
      replies = await deps.handler({
        channel: "sms",
        conversationId: sms.From,
        actor: { id: sms.From, role: "prospect", tenant: deps.tenant },
        text: sms.Body.trim(),
        messageId: sms.MessageSid,
        receivedAt: clock.now(),
      });
    } catch (error) {
      // Silence rather than an apology: the sender may just have opted out, and a failed turn must not message them.
      log.error({ err: error, sid: sms.MessageSid }, "sms turn failed");
      return twiml(res);
    }
    const text = replies
      .map((r) => r.text.trim())
      .filter(Boolean)
      .join("\n\n");
    log.info({ sid: sms.MessageSid, keyword, replies: replies.length }, "sms answered");
    twiml(res, text ? formatSms(text) : undefined);
  };

  const router = Router();
  router.post(TWILIO_SMS_PATH, readForm, verify, receive);
  return { router, drain: async () => undefined };
}
