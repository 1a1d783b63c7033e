import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Router, type Request, type Response } from "express";

const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

interface StaticFile {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

function load(dir: string, name: string, headers: Record<string, string>): StaticFile {
  const body = readFileSync(`${dir}${name}`);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  return { body, etag, headers: { "x-content-type-options": "nosniff", ...headers } };
}

function serve(file: StaticFile) {
  return (req: Request, res: Response) => {
    res.set({ ...file.headers, etag: file.etag });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.status(200).send(file.body);
  };
}

/**
 * The demo site: `/` (a landing page for the fictional seller Helix Data) and `/widget.js`, the chat widget any
 * site embeds with one script tag. The widget may be cached briefly by browsers and CDNs and is revalidated by
 * ETag; the page is always revalidated.
 */
export function createWebStaticRoutes(options: { publicDir?: string } = {}): Router {
  const dir = options.publicDir ?? PUBLIC_DIR;
  const widget = load(dir, "widget.js", {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=300, stale-while-revalidate=3600",
    // Other sites load this script; let them even when they isolate themselves (COEP).
    "cross-origin-resource-policy": "cross-origin",
  });
  const page = load(dir, "index.html", {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-cache",
    "content-security-policy":
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "referrer-policy": "strict-origin-when-cross-origin",
  });

  const router = Router();
  router.get("/", serve(page));
  router.get("/index.html", serve(page));
  router.get("/widget.js", serve(widget));
  return router;
}
