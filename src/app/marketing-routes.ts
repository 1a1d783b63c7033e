import express, { Router } from "express";
import { z } from "zod";
import { parseRequest } from "../../channels/web/chat-request.js";
import { MarketingEvent } from "../../tools/playbooks/schema.js";
import { requireOperator } from "./operator-auth.js";
import type { MarketingWiring } from "./marketing-wiring.js";

const SendDecision = z
  .object({ decision: z.enum(["approve", "edit", "reject"]), edits: z.record(z.string(), z.unknown()).optional(), decidedBy: z.string().min(1).max(100).default("operator") })
  .strict();

const CAMPAIGN_KINDS = new Set(["delivered", "opened", "clicked", "replied", "meeting", "converted"]);

/**
 * Marketing API behind the operator token:
 * - `POST /api/events` {id, type, occurredAt, contactId?, accountId?, data?} → 202 queued (or processed), 200 for a
 *   known id (idempotent); `campaign.<kind>` events with data.campaignId and data.channel also track the campaign;
 * - `GET /api/marketing/sends?status=pending_approval` → queued campaign and playbook sends;
 * - `POST /api/marketing/sends/:id` {decision: approve|edit|reject, edits?} → the send as decided.
 */
export function createMarketingRoutes(deps: { marketing: MarketingWiring; apiToken?: string; bodyLimitBytes: number }): Router {
  const router = Router();
  const operator = requireOperator(deps.apiToken);
  const json = express.json({ limit: deps.bodyLimitBytes });

  router.post("/api/events", operator, json, async (req, res) => {
    const event = parseRequest(MarketingEvent, req.body);
    const result = await deps.marketing.ingest(event, "api");
    const kind = event.type.startsWith("campaign.") ? event.type.slice("campaign.".length) : undefined;
    const campaignId = typeof event.data.campaignId === "string" ? event.data.campaignId : undefined;
    if (kind && CAMPAIGN_KINDS.has(kind) && campaignId && event.contactId) {
      await deps.marketing.campaigns.track({
        campaignId,
        contactId: event.contactId,
        channel: typeof event.data.channel === "string" ? event.data.channel : "email",
        kind,
        at: event.occurredAt,
        sendId: typeof event.data.sendId === "string" ? event.data.sendId : null,
      });
    }
    res.status(result.duplicate ? 200 : 202).json(result);
  });

  router.get("/api/marketing/sends", operator, async (req, res) => {
    const status = typeof req.query.status === "string" ? parseRequest(z.enum(["pending_approval", "approved", "sent", "rejected", "suppressed", "alerted"]), req.query.status) : undefined;
    res.json({ sends: await deps.marketing.store.sends({ ...(status ? { status } : {}) }) });
  });

  router.post("/api/marketing/sends/:id", operator, json, async (req, res) => {
    const decision = parseRequest(SendDecision, req.body);
    res.json(await deps.marketing.campaigns.decide(String(req.params.id), decision));
  });
  return router;
}
