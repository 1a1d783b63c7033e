import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Router, type Response } from "express";
import { parseSince } from "../../../tools/intel/digest.js";
import { parseRequest } from "../../../channels/web/chat-request.js";
import { createDashboardAuth, type DashboardAuthDeps } from "./auth-routes.js";
import type { DashboardData } from "./data.js";
import { DashboardQuery, type Filters } from "./filters.js";
import { layout, type PageName } from "./html.js";
import { contentPage, conversationsPage, intelPage, leadsPage, rowsPage, segmentsPage } from "./other-pages.js";
import { pipelinePage } from "./pipeline-page.js";
import { loadRows, RowsQuery } from "./rows.js";
import type { DashboardSession, SessionSigner } from "./session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Static files: the chart library from node_modules (no CDN), our script and style. Read once. */
function assets(): Record<string, { type: string; body: Buffer }> {
  return {
    "echarts.min.js": { type: "text/javascript", body: fs.readFileSync(require.resolve("echarts/dist/echarts.min.js")) },
    "dashboard.js": { type: "text/javascript", body: fs.readFileSync(path.join(here, "public/dashboard.js")) },
    "dashboard.css": { type: "text/css", body: fs.readFileSync(path.join(here, "public/dashboard.css")) },
  };
}

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
  "referrer-policy": "same-origin",
};

export interface DashboardRoutesDeps extends DashboardAuthDeps {
  data: DashboardData;
  signer: SessionSigner;
  pool: import("pg").Pool;
}

/** `/dashboard`: the managers' pages behind sign-in, server-rendered with figures as text and charts drawn by ECharts. */
export function createDashboardRoutes(deps: DashboardRoutesDeps): Router {
  const router = Router();
  const files = assets();
  const { router: auth, guard } = createDashboardAuth(deps);
  router.use("/dashboard", (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.get("/dashboard/assets/:file", (req, res) => {
    const file = files[String(req.params.file)];
    if (!file) return res.status(404).type("text").send("no such asset");
    res.set("cache-control", "public, max-age=86400").type(file.type).send(file.body);
  });
  router.use(auth);

  async function render(res: Response, page: PageName, title: string, query: unknown, body: (f: Filters) => Promise<string>) {
    const q = parseRequest(DashboardQuery, query);
    const f = await deps.data.filters(q);
    const [options, html] = await Promise.all([deps.data.options(), body(f)]);
    const session = res.locals.dashboardSession as DashboardSession;
    res.type("html").send(layout({ title, page, filters: f, options, csrf: deps.signer.csrfToken(session), who: session.sub, body: html }));
  }

  router.get("/dashboard", guard, (req, res) => render(res, "pipeline", "Pipeline", req.query, async (f) => pipelinePage(await deps.data.pipeline(f), f)));
  router.get("/dashboard/leads", guard, (req, res) => render(res, "leads", "Leads", req.query, async (f) => leadsPage(await deps.data.leads(f), f)));
  router.get("/dashboard/segments", guard, (req, res) => render(res, "segments", "Segments", req.query, async (f) => segmentsPage(await deps.data.segments(f), f)));
  router.get("/dashboard/intel", guard, (req, res) => {
    const since = typeof req.query.since === "string" && req.query.since ? req.query.since : "30d";
    parseSince(since);
    return render(res, "intel", "Intel digest", req.query, async () => intelPage(await deps.data.intel(since), since));
  });
  router.get("/dashboard/conversations", guard, (req, res) => render(res, "conversations", "Conversations", req.query, async (f) => conversationsPage(await deps.data.conversations(f), f)));
  router.get("/dashboard/content", guard, (req, res) => render(res, "content", "Content experiments", req.query, async () => contentPage(await deps.data.content())));
  router.get("/dashboard/rows/:kind", guard, async (req, res) => {
    const query = parseRequest(RowsQuery, req.query);
    const kind = String(req.params.kind);
    const result = await loadRows(deps.pool, kind, query);
    const session = res.locals.dashboardSession as DashboardSession;
    res.type("html").send(layout({ title: `Rows: ${kind}`, csrf: deps.signer.csrfToken(session), who: session.sub, body: rowsPage(kind, result) }));
  });
  return router;
}
