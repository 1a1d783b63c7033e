import { Router } from "express";
import { buildOpenApi } from "./openapi.js";

/** `GET /openapi.json`: the document, built once. */
export function createOpenApiRoutes(): Router {
  const router = Router();
  const body = JSON.stringify(buildOpenApi());
  router.get("/openapi.json", (_req, res) => {
    res.type("application/json").send(body);
  });
  return router;
}
