import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Stateless, signed dashboard credentials: the session cookie, the CSRF token bound to it, and the
 * short-lived sign-in link the assistant hands allow-listed Slack/Teams users. HMAC-SHA256 over the
 * payload with a secret every process shares, so any process behind the load balancer accepts them.
 */
export interface DashboardSession {
  /** `admin` (password) or the chat identity the link was issued to, e.g. `slack:U123`. */
  sub: string;
  /** Random id: what the CSRF token is bound to. */
  sid: string;
  /** Expiry, epoch ms. */
  exp: number;
}

export interface DashboardLinkClaims {
  sub: string;
  /** Single-use id, claimed on first use. */
  jti: string;
  exp: number;
}

function sign(secret: string, kind: string, payload: string): string {
  return createHmac("sha256", secret).update(`${kind}.${payload}`).digest("base64url");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function seal(secret: string, kind: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(secret, kind, payload)}`;
}

function open<T extends { exp: number }>(secret: string, kind: string, token: string | undefined, now: number): T | undefined {
  if (!token || token.length > 2048) return undefined;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || !same(signature, sign(secret, kind, payload))) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as T;
    return typeof claims.exp === "number" && claims.exp > now ? claims : undefined;
  } catch {
    return undefined;
  }
}

export function createSessionSigner(secret: string) {
  return {
    issueSession(sub: string, now: number, ttlMs: number): { token: string; session: DashboardSession } {
      const session = { sub, sid: randomBytes(12).toString("base64url"), exp: now + ttlMs };
      return { token: seal(secret, "session", session), session };
    },
    readSession(token: string | undefined, now: number): DashboardSession | undefined {
      return open<DashboardSession>(secret, "session", token, now);
    },
    csrfToken(session: DashboardSession): string {
      return sign(secret, "csrf", session.sid);
    },
    checkCsrf(session: DashboardSession, token: unknown): boolean {
      return typeof token === "string" && same(token, sign(secret, "csrf", session.sid));
    },
    issueLink(sub: string, now: number, ttlMs: number): string {
      return seal(secret, "link", { sub, jti: randomBytes(12).toString("base64url"), exp: now + ttlMs } satisfies DashboardLinkClaims);
    },
    readLink(token: string | undefined, now: number): DashboardLinkClaims | undefined {
      return open<DashboardLinkClaims>(secret, "link", token, now);
    },
  };
}

export type SessionSigner = ReturnType<typeof createSessionSigner>;

/** Cookie header → value of one cookie. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
