import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Bot Framework for tests, speaking its wire protocol over real HTTP:
 *
 * - the connector a bot replies to: `POST /v3/conversations/{id}/activities/{activityId}` (reply) and
 *   `POST /v3/conversations/{id}/activities` (proactive), and `PUT`/`DELETE` on
 *   `/v3/conversations/{id}/activities/{activityId}` to update or delete an activity the bot sent (recorded in
 *   `updates` and `deletions`). Point an activity's `serviceUrl` at `url + "/"`.
 * - the channel token issuer: `GET /v1/.well-known/openidconfiguration` and its `jwks_uri`, with one RSA key
 *   endorsed for `msteams`, and `signChannelToken()` minting the JWTs the Bot Framework sends to bots.
 *   Point botbuilder's `ToBotFromChannelOpenIdMetadataUrl` at `openIdMetadataUrl`.
 */
export interface ConnectorCall {
  conversationId: string;
  /** The activity replied to; undefined for a proactive message. */
  replyToId?: string;
  authorization?: string;
  activity: Record<string, any>;
}

/** A `PUT` (update) or `DELETE` of an activity the bot sent earlier. */
export interface ConnectorEdit {
  conversationId: string;
  activityId: string;
  /** The new activity; empty for a deletion. */
  activity: Record<string, any>;
  at: number;
}

export interface ChannelTokenClaims {
  /** The bot's app id. */
  aud: string;
  serviceurl: string;
  iss?: string;
  /** Seconds since the epoch; defaults to now. */
  iat?: number;
  /** Lifetime in seconds (default 3600); negative for an expired token. */
  ttlSec?: number;
  [claim: string]: unknown;
}

export interface FakeBotFramework {
  url: string;
  /** Where activities should say the connector is: `{url}/`, as Teams sends it (trailing slash). */
  serviceUrl: string;
  openIdMetadataUrl: string;
  /** The `kid` of the published signing key. */
  keyId: string;
  calls: ConnectorCall[];
  updates: ConnectorEdit[];
  deletions: ConnectorEdit[];
  /** Resolves once `count` activities have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  /** An RS256 JWT as the Bot Framework signs it, by the published key unless another is given. */
  signChannelToken(claims: ChannelTokenClaims, options?: { key?: KeyObject; kid?: string }): string;
  reset(): void;
  close(): Promise<void>;
}

export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/** A fresh RSA key that the fake does not publish, for forged tokens. */
export function foreignSigningKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

export function signRs256(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = createSign("RSA-SHA256").update(`${header}.${body}`).sign(key);
  return `${header}.${body}.${base64url(signature)}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? (JSON.parse(raw) as Record<string, any>) : {};
}

export async function startFakeBotFramework(): Promise<FakeBotFramework> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyId = "fake-bf-key-1";
  const jwk = publicKey.export({ format: "jwk" });
  const calls: ConnectorCall[] = [];
  const updates: ConnectorEdit[] = [];
  const deletions: ConnectorEdit[] = [];
  const waiters: Array<() => void> = [];
  let sequence = 0;
  let url = "";

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    if (req.method === "GET" && path === "/v1/.well-known/openidconfiguration") {
      return send(res, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${url}/v1/authorize`,
        jwks_uri: `${url}/v1/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
      });
    }
    if (req.method === "GET" && path === "/v1/keys") {
      return send(res, 200, { keys: [{ kty: "RSA", use: "sig", kid: keyId, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] });
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method === "POST" && match) {
      const activity = await readJson(req);
      calls.push({
        conversationId: decodeURIComponent(match[1]!),
        replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        authorization: req.headers.authorization,
        activity,
      });
      waiters.splice(0).forEach((wake) => wake());
      sequence += 1;
      return send(res, 200, { id: `reply-${sequence}` });
    }
    if ((req.method === "PUT" || req.method === "DELETE") && match?.[2] !== undefined) {
      const edit = { conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]), activity: await readJson(req), at: Date.now() };
      (req.method === "PUT" ? updates : deletions).push(edit);
      waiters.splice(0).forEach((wake) => wake());
      return req.method === "PUT" ? send(res, 200, { id: edit.activityId }) : send(res, 200, {});
    }
    send(res, 404, { error: { code: "NotFound", message: `no route for ${req.method} ${path}` } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { code: "Fake", message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    serviceUrl: `${url}/`,
    openIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    keyId,
    calls,
    updates,
    deletions,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} connector calls, got ${calls.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return calls.slice(0, count);
    },
    signChannelToken(claims, options = {}) {
      const { ttlSec = 3600, iat = Math.floor(Date.now() / 1000), ...rest } = claims;
      const payload = { iss: BOT_FRAMEWORK_ISSUER, iat, nbf: iat - 5, exp: iat + ttlSec, ...rest };
      return signRs256(payload, options.key ?? privateKey, options.kid ?? keyId);
    },
    reset() {
      calls.length = 0;
      updates.length = 0;
      deletions.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
