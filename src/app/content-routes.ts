import express, { Router } from "express";
import { z } from "zod";
import { parseRequest } from "../../channels/web/chat-request.js";
import { ContentEventInput, GenerateContentInput } from "../../tools/content/schema.js";
import { formatReport } from "../../tools/content/report.js";
import { AppError, NotFoundError } from "../core/errors.js";
import { requireOperator } from "./operator-auth.js";
import type { ContentWiring } from "./content-wiring.js";

const VariantId = z.string().regex(/^exp_[a-z0-9]+-[A-C]$/, "not a variant id (exp_…-A)");
const ExperimentId = z.string().regex(/^exp_[a-z0-9]+$/, "not an experiment id (exp_…)");

/**
 * Content API behind the operator token:
 * - `POST /api/content` {segment, channel, objective, offer?, facts?, deal?} → three variants and their experiment;
 * - `POST /api/content/:variantId/events` {type, eventId} → 201 recorded, 200 duplicate (same id again), 409 when
 *   the id was used for another variant or type, 404 for an unknown variant;
 * - `GET /api/content/experiments/:id/report[?method=bayes]` → the report as JSON, with its text.
 */
export function createContentRoutes(deps: { content: ContentWiring; apiToken?: string; bodyLimitBytes: number }): Router {
  const router = Router();
  const operator = requireOperator(deps.apiToken);
  const json = express.json({ limit: deps.bodyLimitBytes });

  router.post("/api/content", operator, json, async (req, res) => {
    const input = parseRequest(GenerateContentInput, req.body);
    res.status(201).json(await deps.content.service.generate(input, "api"));
  });

  router.post("/api/content/:variantId/events", operator, json, async (req, res) => {
    const variantId = parseRequest(VariantId, req.params.variantId);
    const event = parseRequest(ContentEventInput, req.body);
    const result = await deps.content.service.recordEvent(variantId, event);
    switch (result.status) {
      case "recorded":
        res.status(201).json({ recorded: true, variantId, eventId: event.eventId, type: event.type });
        return;
      case "duplicate":
        res.status(200).json({ recorded: false, duplicate: true, variantId, eventId: event.eventId, type: event.type });
        return;
      case "conflict":
        throw new AppError(result.detail, 409, "conflict");
      case "not_found":
        throw new NotFoundError(`no variant ${variantId}`);
    }
  });

  router.get("/api/content/experiments/:id/report", operator, async (req, res) => {
    const id = parseRequest(ExperimentId, req.params.id);
    const method = req.query.method === "bayes" ? "bayes" : "z";
    const { experiment, report } = await deps.content.service.report(id, method);
    res.json({ experiment, report, text: formatReport(id, report) });
  });
  return router;
}
