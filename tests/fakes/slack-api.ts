import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Slack Web API for tests: real HTTP, Slack's wire format. `POST /api/{method}` for `chat.postMessage`,
 * `chat.postEphemeral`, `chat.update`, `chat.delete` and `auth.test` (form-encoded or JSON, bearer token), and
 * `POST /response/{id}` as a `response_url` target. Every call is recorded; `messages` holds what each posted
 * message shows now, after updates. Point Bolt at it with `SLACK_API_URL={url}/api/`.
 */
export interface SlackApiCall {
  /** `chat.postMessage`, `chat.update`, `chat.postEphemeral`, `auth.test`, or `response_url` for /response/* posts. */
  method: string;
  path: string;
  token?: string;
  /** The decoded arguments; `blocks` and `attachments` parsed from their JSON strings. */
  body: Record<string, any>;
  at: number;
}

export interface FakeSlackApi {
  url: string;
  /** SLACK_API_URL for Bolt's WebClient: `{url}/api/`. */
  apiUrl: string;
  calls: SlackApiCall[];
  /** Posted messages by `channel:ts` as they read now (text, blocks), updates applied; deleted ones removed. */
  messages: Map<string, { channel: string; ts: string; text?: string; blocks?: unknown[] }>;
  /** A fresh response_url on this server. */
  responseUrl(id?: string): string;
  /** Calls of one method, in arrival order. */
  callsTo(method: string): SlackApiCall[];
  /** Resolves once `count` calls of `method` have arrived; rejects after `timeoutMs`. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  /** The next call to `method` gets this HTTP status (429 carries `Retry-After: retryAfterSec`). */
  failNext(method: string, status: number, retryAfterSec?: number): void;
  /** A file the bot can read: `files.info` answers with a `url_private` on this server, served with the bot token. */
  addFile(file: { id: string; name: string; content: string }): void;
  /** From now on this token gets `invalid_auth`, as Slack answers a revoked or mistyped token. */
  revokeToken(token: string): void;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_BOT = { userId: "UBOT0001", botId: "BBOT0001", teamId: "T0000001" } as const;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function decode(contentType: string, raw: string): Record<string, any> {
  if (contentType.startsWith("application/json")) return raw ? (JSON.parse(raw) as Record<string, any>) : {};
  const form: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ["blocks", "attachments"]) {
    if (typeof form[key] === "string") form[key] = JSON.parse(form[key] as string);
  }
  return form;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const revoked = new Set<string>();
  const files = new Map<string, { id: string; name: string; content: string }>();
  let serverUrl = "";
  const messages: FakeSlackApi["messages"] = new Map();
  const failures = new Map<string, { status: number; retryAfterSec?: number }>();
  const waiters: Array<() => void> = [];
  let ts = 1_700_000_000;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const raw = await readBody(req);
    const body = decode(req.headers["content-type"] ?? "", raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (body.token as string | undefined);
    const method = path.startsWith("/response/") ? "response_url" : path.startsWith("/files/") ? "file_download" : path.replace(/^\/api\//, "");
    calls.push({ method, path, token, body, at: Date.now() });
    waiters.splice(0).forEach((wake) => wake());

    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      const headers: Record<string, string> = failure.retryAfterSec === undefined ? {} : { "retry-after": String(failure.retryAfterSec) };
      return send(res, failure.status, { ok: false, error: failure.status === 429 ? "ratelimited" : "fatal_error" }, headers);
    }
    if (method === "response_url") return send(res, 200, { ok: true });
    // Slack answers a file download without the bot token with its sign-in page, not an error.
    if (method === "file_download" && !token) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<!DOCTYPE html><html><body>Sign in to Slack</body></html>");
    }
    if (!token) return send(res, 200, { ok: false, error: "not_authed" });
    switch (method) {
      case "file_download": {
        const file = files.get(path.slice("/files/".length));
        if (!file) return send(res, 404, { ok: false, error: "file_not_found" });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(file.content);
      }
      case "files.info": {
        const file = files.get(String(body.file ?? ""));
        if (!file) return send(res, 200, { ok: false, error: "file_not_found" });
        const url = `${serverUrl}/files/${file.id}`;
        return send(res, 200, { ok: true, file: { id: file.id, name: file.name, size: Buffer.byteLength(file.content), url_private: url, url_private_download: url } });
      }
      case "auth.test":
        if (revoked.has(token ?? "")) return send(res, 200, { ok: false, error: "invalid_auth" });
        return send(res, 200, { ok: true, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: FAKE_BOT.teamId, url: "https://fake.slack.com/" });
      case "chat.postMessage":
        if (!body.channel) return send(res, 200, { ok: false, error: "channel_not_found" });
        ts += 1;
        messages.set(`${body.channel}:${ts}.000100`, { channel: body.channel, ts: `${ts}.000100`, text: body.text, blocks: body.blocks });
        return send(res, 200, { ok: true, channel: body.channel, ts: `${ts}.000100`, message: { text: body.text, bot_id: FAKE_BOT.botId } });
      case "chat.update": {
        const message = messages.get(`${body.channel}:${body.ts}`);
        if (!message) return send(res, 200, { ok: false, error: "message_not_found" });
        // Slack keeps the blocks when an update gives text only.
        message.text = body.text;
        if (body.blocks !== undefined) message.blocks = body.blocks;
        return send(res, 200, { ok: true, channel: body.channel, ts: body.ts, text: body.text });
      }
      case "chat.delete":
        if (!messages.delete(`${body.channel}:${body.ts}`)) return send(res, 200, { ok: false, error: "message_not_found" });
        return send(res, 200, { ok: true, channel: body.channel, ts: body.ts });
      case "chat.postEphemeral":
        if (!body.channel || !body.user) return send(res, 200, { ok: false, error: "invalid_arguments" });
        ts += 1;
        return send(res, 200, { ok: true, message_ts: `${ts}.000200` });
      default:
        return send(res, 200, { ok: false, error: "unknown_method" });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  serverUrl = url;
  let responses = 0;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    messages,
    responseUrl: (id) => `${url}/response/${id ?? `r${++responses}`}`,
    callsTo,
    async waitFor(method, count = 1, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (callsTo(method).length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake Slack: expected ${count} ${method} call(s), got ${callsTo(method).length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return callsTo(method);
    },
    failNext(method, status, retryAfterSec) {
      failures.set(method, { status, retryAfterSec });
    },
    addFile(file) {
      files.set(file.id, file);
    },
    revokeToken(token) {
      revoked.add(token);
    },
    reset() {
      calls.length = 0;
      messages.clear();
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
