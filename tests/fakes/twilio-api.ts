import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Twilio REST API for tests: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, basic
 * auth (account SID + auth token), answering like Twilio (201 + message JSON). Scripted failures: HTTP 429 with
 * Retry-After, or a Twilio error code (e.g. 21610 unsubscribed recipient). Point the sender at it with apiUrl.
 */
export interface TwilioMessageCall {
  accountSid: string;
  /** Decoded basic-auth user and password. */
  username: string;
  password: string;
  params: Record<string, string>;
  at: number;
  /** HTTP status this call was answered with. */
  status: number;
}

export type TwilioFailure = { status: 429; retryAfter?: string } | { status: number; code: number; message: string };

export interface FakeTwilioApi {
  url: string;
  calls: TwilioMessageCall[];
  /** Calls answered 201: messages Twilio would have queued. */
  sent(): TwilioMessageCall[];
  /** The next calls get these failures, first in first out. */
  failNext(...failures: TwilioFailure[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeTwilioApi(credentials: { accountSid: string; authToken: string }): Promise<FakeTwilioApi> {
  const calls: TwilioMessageCall[] = [];
  const failures: TwilioFailure[] = [];

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(new URL(req.url ?? "/", "http://fake").pathname);
    if (req.method !== "POST" || !match) return send(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    const [user = "", password = ""] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString("utf8").split(":");
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const call: TwilioMessageCall = { accountSid: match[1]!, username: user, password, params, at: Date.now(), status: 0 };
    calls.push(call);

    if (user !== credentials.accountSid || password !== credentials.authToken || match[1] !== credentials.accountSid) {
      call.status = 401;
      return send(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    }
    const failure = failures.shift();
    if (failure) {
      call.status = failure.status;
      if ("code" in failure) return send(res, failure.status, { code: failure.code, message: failure.message, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status });
      return send(res, 429, { code: 20429, message: "Too Many Requests", status: 429 }, failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter });
    }
    if (!params.To || !params.Body || !(params.From || params.MessagingServiceSid)) {
      call.status = 400;
      return send(res, 400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
    }
    call.status = 201;
    const sid = `SM${randomBytes(16).toString("hex")}`;
    return send(res, 201, {
      sid,
      account_sid: credentials.accountSid,
      to: params.To,
      from: params.From,
      body: params.Body,
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      api_version: "2010-04-01",
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${credentials.accountSid}/Messages/${sid}.json`,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    sent: () => calls.filter((c) => c.status === 201),
    failNext: (...more) => void failures.push(...more),
    reset() {
      calls.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
