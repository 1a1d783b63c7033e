import twilio from "twilio";

export interface TwilioRequestToVerify {
  authToken: string;
  /** The URL Twilio called, as configured in the Twilio console: public base URL + path + query. */
  url: string;
  /** The POSTed form parameters. */
  params: Record<string, unknown>;
  signature: string | undefined;
}

export type TwilioVerification = { ok: true } | { ok: false; status: 400 | 403; reason: string };

/**
 * Twilio's request signing: base64 HMAC-SHA1 over the full URL followed by every form parameter name and value,
 * sorted by name (`twilio.validateRequest`, which compares in constant time). Missing header → 400, wrong
 * signature → 403, as Twilio's own middleware answers.
 */
export function verifyTwilioRequest(request: TwilioRequestToVerify): TwilioVerification {
  if (!request.signature) return { ok: false, status: 400, reason: "missing X-Twilio-Signature" };
  if (!request.authToken) return { ok: false, status: 403, reason: "no auth token configured" };
  const valid = twilio.validateRequest(request.authToken, request.signature, request.url, request.params);
  return valid ? { ok: true } : { ok: false, status: 403, reason: "signature mismatch" };
}

/** The public URL Twilio signed, from the configured base (never the internal URL behind a proxy). */
export function publicUrlOf(publicBaseUrl: string, originalUrl: string): string {
  return publicBaseUrl.replace(/\/+$/, "") + originalUrl;
}
