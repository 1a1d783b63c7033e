import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../../src/core/clock.js";
import type { FeedItem, IntelSource, IntelSourceKind, IntelStore } from "../../src/core/intel.js";
import type { Logger } from "../../src/core/logger.js";
import { detectFeedChanges, detectPageChanges, type DetectedChange } from "./changes.js";
import { extractMainText, feedText, parseFeed } from "./extract.js";
import { createRobotsCache, DEFAULT_FETCH_POLICY, fetchWithRetries, type FetchPolicy, type RobotsCache } from "./fetcher.js";

export type FetchStatus = "first" | "changed" | "unchanged" | "not_modified" | "blocked" | "failed";

export interface FetchReport {
  sourceId: string;
  competitor: string;
  url: string;
  status: FetchStatus;
  changes: number;
  snapshotId?: string;
  error?: string;
  ms: number;
}

export interface IntelWatcherDeps {
  store: IntelStore;
  clock: Clock;
  logger: Logger;
  policy?: Partial<FetchPolicy>;
  /** Sources fetched at once in fetchAll. */
  concurrency?: number;
}

const FILE_TYPES = new Set([".md", ".markdown", ".txt", ".html", ".htm", ".xml", ".rss", ".atom"]);

/** `page` unless the URL says feed (rss, atom, .xml, /feed) or file (file: URL or a path). */
export function guessKind(url: string): IntelSourceKind {
  if (url.startsWith("file:") || url.startsWith("/") || url.startsWith(".")) return "file";
  if (/(\.xml|\.rss|\.atom)(\?|$)|\/(feed|rss|atom)(\/|\.|\?|$)/i.test(url)) return "feed";
  return "page";
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

interface Content {
  text: string;
  items: FeedItem[];
}

/** A page, a feed or a local file/folder reduced to snapshot content. */
function contentOf(kind: IntelSourceKind, body: string, contentType: string, url: string): Content {
  const looksXml = /xml|rss|atom/i.test(contentType) || /^\s*<\?xml|^\s*<(rss|feed|rdf:RDF)\b/i.test(body);
  if (kind === "feed" || (kind === "file" && looksXml)) {
    const feed = parseFeed(body);
    return { text: feedText(feed.items), items: feed.items };
  }
  if (/html/i.test(contentType) || /^\s*(<!doctype html|<html)/i.test(body)) return { text: extractMainText(body, url).text, items: [] };
  return { text: body, items: [] };
}

async function readLocal(location: string): Promise<{ body: string; contentType: string }> {
  const file = location.startsWith("file:") ? fileURLToPath(location) : path.resolve(location);
  const stat = await fs.stat(file);
  if (!stat.isDirectory()) return { body: await fs.readFile(file, "utf8"), contentType: /\.html?$/i.test(file) ? "text/html" : /\.(xml|rss|atom)$/i.test(file) ? "application/xml" : "text/plain" };
  const names = (await fs.readdir(file)).filter((n) => FILE_TYPES.has(path.extname(n).toLowerCase())).sort();
  const parts: string[] = [];
  for (const name of names) {
    const body = await fs.readFile(path.join(file, name), "utf8");
    const text = /\.html?$/i.test(name) ? extractMainText(body, name).text : body;
    parts.push(`# ${name}\n${text}`);
  }
  return { body: parts.join("\n"), contentType: "text/plain" };
}

/**
 * Fetches watched sources and records what changed: robots.txt honoured, own user agent, size cap, timeouts
 * and retries with backoff (fetcher.ts), conditional requests with the validators of the last fetch, a
 * snapshot only when the content hash differs, and the detected changes stored with it.
 * A source that fails is recorded as failed; it never stops the others.
 */
export function createIntelWatcher(deps: IntelWatcherDeps) {
  const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, ...deps.policy };

  async function fetchSource(source: IntelSource, robots: RobotsCache = createRobotsCache(policy)): Promise<FetchReport> {
    const started = performance.now();
    const base = { sourceId: source.id, competitor: source.competitor, url: source.url };
    const done = (status: FetchStatus, extra: Partial<FetchReport> = {}): FetchReport => {
      const report = { ...base, status, changes: 0, ...extra, ms: Math.round(performance.now() - started) };
      deps.logger.info({ source: source.id, status, changes: report.changes, ms: report.ms, error: report.error }, "intel fetch");
      return report;
    };
    const checkedAt = deps.clock.now();
    try {
      let content: Content;
      let validators: { etag?: string; lastModified?: string } = {};
      if (source.kind === "file") {
        const local = await readLocal(source.url);
        content = contentOf("file", local.body, local.contentType, source.url);
      } else {
        const permission = await robots.check(source.url);
        if (!permission.allowed) {
          await deps.store.recordFetch(source.id, { checkedAt, status: "blocked", error: permission.reason });
          return done("blocked", { error: permission.reason });
        }
        const previous = await deps.store.latestSnapshot(source.id);
        const outcome = await fetchWithRetries(source.url, policy, previous ? { etag: source.etag, lastModified: source.lastModified } : {});
        if (outcome.kind === "not_modified") {
          await deps.store.recordFetch(source.id, { checkedAt, status: "not_modified" });
          return done("not_modified");
        }
        if (outcome.kind === "blocked") return done("blocked", { error: outcome.reason });
        if (outcome.kind === "failed") {
          const error = `${outcome.error} after ${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}`;
          await deps.store.recordFetch(source.id, { checkedAt, status: "failed", error });
          return done("failed", { error });
        }
        content = contentOf(source.kind, outcome.body, outcome.contentType, source.url);
        validators = { etag: outcome.etag, lastModified: outcome.lastModified };
      }
      const contentHash = hash(`${content.text}\n${JSON.stringify(content.items.map((i) => i.id))}`);
      const previous = await deps.store.latestSnapshot(source.id);
      if (previous?.contentHash === contentHash) {
        await deps.store.recordFetch(source.id, { checkedAt, status: "unchanged", ...validators });
        return done("unchanged", { snapshotId: previous.id });
      }
      const detected: DetectedChange[] = !previous
        ? []
        : source.kind === "feed" || content.items.length > 0
          ? detectFeedChanges(previous.items, content.items)
          : detectPageChanges(previous.text, content.text, { pricingPage: /pric|plans/i.test(source.url) });
      const saved = await deps.store.saveSnapshot(
        { sourceId: source.id, fetchedAt: checkedAt, contentHash, text: content.text, items: content.items },
        detected.map((c) => ({ competitor: source.competitor, summary: c.summary, detail: c.detail, link: c.link ?? source.url, detectedAt: checkedAt, previousSnapshotId: previous?.id })),
      );
      await deps.store.recordFetch(source.id, { checkedAt, status: previous ? "changed" : "first", ...validators });
      return done(previous ? "changed" : "first", { changes: detected.length, snapshotId: saved.snapshotId });
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      await deps.store.recordFetch(source.id, { checkedAt, status: "failed", error: message }).catch(() => undefined);
      return done("failed", { error: message });
    }
  }

  /** Every source (or one competitor's), a few at a time; each failure stays in its own report. */
  async function fetchAll(filter: { competitor?: string } = {}): Promise<FetchReport[]> {
    const sources = await deps.store.listSources(filter);
    const robots = createRobotsCache(policy);
    const reports: FetchReport[] = new Array(sources.length);
    let next = 0;
    const lanes = Array.from({ length: Math.min(deps.concurrency ?? 4, sources.length) }, async () => {
      while (next < sources.length) {
        const i = next++;
        reports[i] = await fetchSource(sources[i]!, robots);
      }
    });
    await Promise.all(lanes);
    return reports;
  }

  return { fetchSource, fetchAll, policy };
}

export type IntelWatcher = ReturnType<typeof createIntelWatcher>;
