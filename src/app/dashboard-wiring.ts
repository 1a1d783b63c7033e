import type { Router } from "express";
import type { EventDeduper } from "../core/dedupe.js";
import type { Container } from "./container.js";
import { createDashboardData } from "./dashboard/data.js";
import { createDashboardRoutes } from "./dashboard/routes.js";

export function createDashboardWiring(container: Container, deduper: EventDeduper): { router: Router; warm(): Promise<void> } {
  const { config, clock, logger } = container;
  const data = createDashboardData({
    pool: container.db.pool,
    clock,
    logger,
    digest: (since) => container.intel.service.digests.digest({ since }),
    pendingApprovals: () => container.approvals.store.listPending(),
    openHandoffs: async () =>
      (await container.repos.handoffs.listOpen(100)).map((h) => ({
        id: h.id,
        kind: h.kind,
        status: h.status,
        summary: h.summary,
        channel: h.conversation.channel,
        conversationId: h.conversation.externalId,
        createdAt: h.createdAt,
        heldBy: h.heldBy,
      })),
  });
  const router = createDashboardRoutes({
    data,
    pool: container.db.pool,
    signer: container.dashboard.signer,
    adminPasswordHash: config.dashboard.adminPasswordHash,
    sessionHours: config.dashboard.sessionHours,
    clock,
    logger,
    deduper,
    publicBaseUrl: config.publicBaseUrl,
  });
  return { router, warm: () => data.warm() };
}
