import express, { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { createRateLimiter } from "../../../channels/shared/rate-limiter.js";
import type { Clock } from "../../core/clock.js";
import type { EventDeduper } from "../../core/dedupe.js";
import type { Logger } from "../../core/logger.js";
import { verifyPassword } from "../../core/password.js";
import { esc, layout } from "./html.js";
import { readCookie, type DashboardSession, type SessionSigner } from "./session.js";

export const SESSION_COOKIE = "sg_dashboard";
export const LoginForm = z.object({ password: z.string().max(1000), next: z.string().max(200).optional() });

export interface DashboardAuthDeps {
  signer: SessionSigner;
  adminPasswordHash?: string;
  sessionHours: number;
  clock: Clock;
  logger: Logger;
  /** Claims a sign-in link's id once across every process (inbound_events). */
  deduper: EventDeduper;
  publicBaseUrl?: string;
}

/** Where a sign-in may send the browser next: a dashboard path only, never another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/dashboard(\/[\w\-/?=&%.+]*)?$/.test(next) ? next : "/dashboard";
}

export function loginPage(message: string, hasPassword: boolean, next = "/dashboard"): string {
  const form = hasPassword
    ? `<form method="post" action="/dashboard/login" class="login">
  <label>Admin password <input type="password" name="password" autocomplete="current-password" required autofocus></label>
  <input type="hidden" name="next" value="${esc(next)}">
  <button type="submit">Sign in</button></form>`
    : `<p>Password sign-in is off: set <code>SALESGRAPH_ADMIN_PASSWORD</code>, or ask the assistant in Slack or Teams for a “dashboard” link.</p>`;
  return layout({ title: "Sign in", body: `${message ? `<p class="error" role="alert">${esc(message)}</p>` : ""}${form}` });
}

/** Sign-in by password or signed link, sign-out, and the guard every other dashboard route sits behind. */
export function createDashboardAuth(deps: DashboardAuthDeps): { router: Router; guard: RequestHandler } {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: "4kb" });
  const attempts = createRateLimiter({ perMinute: 10, clock: deps.clock });

  function startSession(req: Request, res: Response, sub: string) {
    const ttl = deps.sessionHours * 3_600_000;
    const { token } = deps.signer.issueSession(sub, deps.clock.now().getTime(), ttl);
    const secure = req.secure || (deps.publicBaseUrl ?? "").startsWith("https:");
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/dashboard", maxAge: ttl });
  }

  router.get("/dashboard/login", (req, res) => {
    res.type("html").send(loginPage("", Boolean(deps.adminPasswordHash), safeNext(String(req.query.next ?? ""))));
  });

  router.post("/dashboard/login", form, (req, res) => {
    const ip = req.ip ?? "unknown";
    const decision = attempts.take(ip);
    if (!decision.allowed) {
      res.set("retry-after", String(Math.ceil(decision.retryAfterMs / 1000)));
      res.status(429).type("html").send(loginPage("Too many attempts; wait a minute.", Boolean(deps.adminPasswordHash)));
      return;
    }
    const body = LoginForm.safeParse(req.body ?? {});
    if (!deps.adminPasswordHash || !body.success || !verifyPassword(body.data.password, deps.adminPasswordHash)) {
      deps.logger.warn({ ip }, "dashboard sign-in refused");
      res.status(401).type("html").send(loginPage("That password is not right.", Boolean(deps.adminPasswordHash)));
      return;
    }
    startSession(req, res, "admin");
    deps.logger.info({ who: "admin" }, "dashboard sign-in");
    res.redirect(303, safeNext(body.data.next));
  });

  router.get("/dashboard/link", async (req, res) => {
    const claims = deps.signer.readLink(typeof req.query.token === "string" ? req.query.token : undefined, deps.clock.now().getTime());
    if (!claims || !(await deps.deduper.firstTime("dashboard-link", claims.jti))) {
      res.status(401).type("html").send(loginPage("This dashboard link has expired or was already used; ask the assistant for a new one.", Boolean(deps.adminPasswordHash)));
      return;
    }
    startSession(req, res, claims.sub);
    deps.logger.info({ who: claims.sub }, "dashboard sign-in by link");
    res.redirect(303, "/dashboard");
  });

  const guard: RequestHandler = (req, res, next) => {
    const session = deps.signer.readSession(readCookie(req.get("cookie"), SESSION_COOKIE), deps.clock.now().getTime());
    if (!session) {
      if (req.method === "GET") return res.redirect(303, `/dashboard/login?next=${encodeURIComponent(req.originalUrl.slice(0, 200))}`);
      return res.status(401).type("text").send("sign in first");
    }
    if (req.method !== "GET" && req.method !== "HEAD" && !deps.signer.checkCsrf(session, (req.body as { csrf?: unknown } | undefined)?.csrf ?? req.get("x-csrf-token"))) {
      return res.status(403).type("text").send("missing or wrong CSRF token");
    }
    res.locals.dashboardSession = session satisfies DashboardSession;
    next();
  };

  router.post("/dashboard/logout", form, guard, (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: "/dashboard" });
    res.redirect(303, "/dashboard/login");
  });

  return { router, guard };
}
