import { createHash } from "node:crypto";
import type { Request } from "express";

/**
 * A web visitor across conversations, for per-visitor caps: a hash of the client address express derived
 * under TRUST_PROXY (the address itself is not stored).
 */
export function webVisitorOf(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return `ip:${createHash("sha256").update(address).digest("base64url").slice(0, 22)}`;
}
