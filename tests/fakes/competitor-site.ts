import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A competitor's website for intel tests, on 127.0.0.1: a pricing page (price and features editable between
 * fetches, ETag and 304 on If-None-Match), an RSS feed whose items can grow, a page that always answers 500,
 * one that never answers, and a robots.txt that disallows /private/ to our crawler. Every request is recorded.
 */
export interface CompetitorSite {
  url: string;
  state: { price: number; features: string[]; items: { id: string; title: string; date: string }[]; updated: string };
  requests: { path: string; userAgent?: string; ifNoneMatch?: string }[];
  /** Requests for one path. */
  hits(path: string): number;
  close(): Promise<void>;
}

function pricingPage(state: CompetitorSite["state"]): string {
  return `<!doctype html><html><head><title>Acme Analytics pricing</title></head><body>
<nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/careers">Careers</a></nav>
<header><p>Acme Analytics</p></header>
<main>
  <h1>Pricing</h1>
  <p>Simple pricing for every team. Last updated ${state.updated}.</p>
  <section><h2>Pro</h2><p>$${state.price} per user per month, billed annually.</p>
    <ul>${state.features.map((f) => `<li>${f}</li>`).join("")}</ul></section>
  <section><h2>Enterprise</h2><p>Contact sales for a quote. Includes everything in Pro plus a dedicated success manager.</p></section>
</main>
<footer><p>© ${state.updated.slice(-4)} Acme Analytics. Trusted by 12,000 teams.</p></footer>
</body></html>`;
}

function feed(state: CompetitorSite["state"], base: string): string {
  const items = state.items
    .map((i) => `<item><title>${i.title}</title><link>${base}/news/${i.id}</link><guid>${base}/news/${i.id}</guid><pubDate>${i.date}</pubDate></item>`)
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme news</title><link>${base}</link>${items}</channel></rss>`;
}

export async function startCompetitorSite(): Promise<CompetitorSite> {
  const requests: CompetitorSite["requests"] = [];
  const sockets = new Set<Socket>();
  const state: CompetitorSite["state"] = {
    price: 40,
    features: ["Unlimited dashboards", "Scheduled reports", "Single sign-on"],
    items: [{ id: "1", title: "Acme launches Acme Copilot", date: "Mon, 01 Dec 2025 09:00:00 GMT" }],
    updated: "March 3, 2025",
  };
  let base = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ path, userAgent: req.headers["user-agent"], ifNoneMatch: req.headers["if-none-match"] as string | undefined });
    const send = (status: number, type: string, body: string) => {
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
      if (status === 200 && req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(status, { "content-type": type, etag }).end(body);
    };
    if (path === "/robots.txt") return send(200, "text/plain", "User-agent: SalesgraphIntel\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n");
    if (path === "/pricing") return send(200, "text/html; charset=utf-8", pricingPage(state));
    if (path === "/feed.xml") return send(200, "application/rss+xml", feed(state, base));
    if (path === "/private/roadmap") return send(200, "text/html", "<html><body><main><h1>Roadmap</h1><p>Secret plans.</p></main></body></html>");
    if (path === "/broken") return send(500, "text/plain", "internal error");
    if (path === "/hangs") return; // never answers
    send(404, "text/plain", "not found");
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    state,
    requests,
    hits: (p) => requests.filter((r) => r.path === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
