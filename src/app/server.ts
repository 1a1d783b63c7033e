import { randomUUID } from "node:crypto";
import http from "node:http";
import express, { type Express } from "express";
import { NotFoundError } from "../core/errors.js";
import { createChatRoutes } from "./chat-routes.js";
import type { Container } from "./container.js";
import { errorHandler } from "./http-errors.js";
import { requireOperator } from "./operator-auth.js";

/** The HTTP surface: every channel and API mounted on one express app. */
export function createHttpApp(container: Container): Express {
  const { config, logger, metrics } = container;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use((req, res, next) => {
    const requestId = (req.get("x-request-id") ?? "").slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? "unmatched" : req.path);
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      logger.info(
        { requestId, method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) },
        "http",
      );
    });
    next();
  });

  app.get("/healthz", async (_req, res) => {
    await container.db.pool.query("select 1");
    res.json({ status: "ok", database: container.db.kind, llm: container.llm.kind });
  });

  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(createChatRoutes({ handler: container.handler, conversations: container.repos.conversations, config }));

  app.get("/api/handoffs", requireOperator(config.server.apiToken), async (_req, res) => {
    const handoffs = await container.repos.handoffs.listOpen();
    res.json({ handoffs });
  });

  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections, lets in-flight turns finish, then closes the container. */
  shutdown(): Promise<void>;
}

export async function startServer(container: Container, options: { port: number; host: string }): Promise<RunningServer> {
  const server = http.createServer(createHttpApp(container));
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    shutdown() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = new Promise<void>((resolve) =>
          setTimeout(resolve, container.config.server.shutdownTimeoutMs).unref(),
        );
        await Promise.race([Promise.all([closed, container.handler.drain()]), deadline]);
        server.closeAllConnections();
        await container.close();
      })();
      return closing;
    },
  };
}
