import robotsParserModule from "robots-parser";

type RobotsParser = (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined };
// a CommonJS module typed as an ES default export: Node hands us module.exports, a bundler may hand us .default
const robotsParser = (typeof robotsParserModule === "function" ? robotsParserModule : (robotsParserModule as any).default) as RobotsParser;

export interface FetchPolicy {
  userAgent: string;
  /** Per attempt, headers and body together. */
  timeoutMs: number;
  /** Bodies larger than this are refused, not truncated (a cut page would look like a changed page). */
  maxBytes: number;
  /** Attempts after the first, for network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** First backoff; doubled per attempt, with jitter; a Retry-After header wins when longer (capped). */
  backoffMs: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  userAgent: "SalesgraphIntel/0.1 (+https://github.com/salesgraph/salesgraph; competitive intelligence)",
  timeoutMs: 15_000,
  maxBytes: 2_000_000,
  retries: 2,
  backoffMs: 1_000,
};

export type FetchOutcome =
  | { kind: "ok"; status: number; body: string; contentType: string; etag?: string; lastModified?: string }
  | { kind: "not_modified" }
  | { kind: "blocked"; reason: string }
  | { kind: "failed"; error: string; attempts: number };

class TooLarge extends Error {}
class HttpStatus extends Error {
  constructor(readonly status: number, readonly retryAfterMs?: number) {
    super(`HTTP ${status}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLarge(`body of ${declared} bytes exceeds the ${maxBytes}-byte cap`);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`body exceeds the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** One GET with the policy's user agent, timeout and size cap; conditional when validators are given. */
async function getOnce(url: string, policy: FetchPolicy, validators: { etag?: string; lastModified?: string }): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${policy.timeoutMs} ms`)), policy.timeoutMs);
  try {
    const headers: Record<string, string> = { "user-agent": policy.userAgent, accept: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5" };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    const res = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: "not_modified" };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new HttpStatus(res.status, retryAfterMs(res.headers.get("retry-after")));
    }
    const body = await readCapped(res, policy.maxBytes);
    return {
      kind: "ok",
      status: res.status,
      body,
      contentType: res.headers.get("content-type") ?? "",
      etag: res.headers.get("etag") ?? undefined,
      lastModified: res.headers.get("last-modified") ?? undefined,
    };
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof TooLarge) return false;
  if (error instanceof HttpStatus) return error.status === 429 || error.status >= 500;
  return true; // network errors and timeouts
}

/** GET with retries and exponential backoff; never throws. */
export async function fetchWithRetries(
  url: string,
  policy: FetchPolicy,
  validators: { etag?: string; lastModified?: string } = {},
): Promise<FetchOutcome> {
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      return await getOnce(url, policy, validators);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      if (attempt > policy.retries || !retryable(error)) return { kind: "failed", error: message, attempts: attempt };
      const backoff = policy.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const wait = error instanceof HttpStatus && error.retryAfterMs ? Math.min(Math.max(backoff, error.retryAfterMs), 60_000) : backoff;
      await sleep(wait);
    }
  }
}

/**
 * robots.txt per origin, read once per fetch run (RFC 9309): a missing file (4xx) allows everything; an
 * unreachable one (5xx, network error, timeout) disallows the origin for this run.
 */
export function createRobotsCache(policy: FetchPolicy) {
  const byOrigin = new Map<string, Promise<{ allowed(url: string): boolean; reason?: string }>>();
  return {
    async check(url: string): Promise<{ allowed: boolean; reason?: string }> {
      const origin = new URL(url).origin;
      let entry = byOrigin.get(origin);
      if (!entry) {
        entry = (async () => {
          const robotsUrl = `${origin}/robots.txt`;
          const outcome = await fetchWithRetries(robotsUrl, { ...policy, retries: Math.min(policy.retries, 1), maxBytes: 500_000 });
          if (outcome.kind === "ok") {
            const robots = robotsParser(robotsUrl, outcome.body);
            return { allowed: (u: string) => robots.isAllowed(u, policy.userAgent) !== false, reason: "disallowed by robots.txt" };
          }
          if (outcome.kind === "failed" && /^HTTP 4\d\d$/.test(outcome.error)) return { allowed: () => true };
          const why = outcome.kind === "failed" ? outcome.error : outcome.kind;
          return { allowed: () => false, reason: `robots.txt unavailable (${why})` };
        })();
        byOrigin.set(origin, entry);
      }
      const robots = await entry;
      const allowed = robots.allowed(url);
      return allowed ? { allowed } : { allowed, reason: robots.reason };
    },
  };
}
export type RobotsCache = ReturnType<typeof createRobotsCache>;
