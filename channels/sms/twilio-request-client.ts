import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";


export interface TwilioWireOptions {
  /** Replaces `https://api.twilio.com` (TWILIO_API_URL: a local fake, a proxy, a regional gateway). */
  apiUrl?: string;
  /** Retries after HTTP 429; 0 turns them off. */
  maxRetries: number;
  /** Longest wait honoured from Retry-After, and the cap of the exponential fallback. */
  maxRetryDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

/** Milliseconds to wait from a Retry-After header (seconds or HTTP date), else exponential from 500 ms. */
export function retryDelayMs(retryAfter: unknown, attempt: number, nowMs: number, maxMs: number): number {
  const value = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  let ms = 500 * 2 ** attempt;
  if (typeof value === "string" && value.trim() !== "") {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) ms = seconds * 1000;
    else if (!Number.isNaN(Date.parse(value))) ms = Date.parse(value) - nowMs;
  }
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
}

function rebase(uri: string, apiUrl: string): string {
  const from = new URL(uri);
  const to = new URL(apiUrl);
  to.pathname = `${to.pathname.replace(/\/+$/, "")}${from.pathname}`;
  to.search = from.search;
  return to.toString();
}

/**
 * The twilio client's HTTP layer, extended at the wire: requests go to `apiUrl` when set (the SDK only knows
 * twilio.com hosts, regions and edges), and HTTP 429 is retried after Retry-After, a bounded number of times.
 * The SDK's own `autoRetry` ignores Retry-After, and its RestException drops the headers.
 */
export class TwilioWireClient extends twilio.RequestClient {
  constructor(private readonly wire: TwilioWireOptions) {
    super({ timeout: wire.timeoutMs ?? 10_000, keepAlive: true });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = this.wire.apiUrl ? rebase(opts.uri, this.wire.apiUrl) : opts.uri;
    for (let attempt = 0; ; attempt++) {
      const response = await super.request({ ...opts, uri });
      if (response.statusCode !== 429 || attempt >= this.wire.maxRetries) return response;
      const headers = (response.headers ?? {}) as Record<string, unknown>;
      await this.wire.sleep(retryDelayMs(headers["retry-after"], attempt, Date.now(), this.wire.maxRetryDelayMs));
    }
  }
}
