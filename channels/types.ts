import type { Router } from "express";

export type { ConversationHandler, InboundMessage, OutboundMessage } from "../src/core/ports.js";
export type { EventDeduper } from "../src/core/dedupe.js";

/**
 * What every webhook adapter gives the composition root: routes to mount (before any JSON body parser,
 * because signatures are checked over the raw body) and a way to wait for turns still running after the
 * platform was acknowledged.
 */
export interface ChannelRoutes {
  router: Router;
  /** Resolves when every turn started so far has finished (graceful shutdown). */
  drain(): Promise<void>;
}
