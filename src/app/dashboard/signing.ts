import { randomBytes } from "node:crypto";
import type { Config } from "../../core/config.js";
import { createSessionSigner, type SessionSigner } from "./session.js";

/**
 * The dashboard's signing key: DASHBOARD_SESSION_SECRET, else derived from SALESGRAPH_ADMIN_PASSWORD (both the same
 * in every process). With neither, sign-in is off and a per-process key keeps the routes answering.
 */
export function dashboardSigner(config: Config): { signer: SessionSigner; enabled: boolean } {
  const secret = config.dashboard.sessionSecret;
  return { signer: createSessionSigner(secret ?? randomBytes(32).toString("base64url")), enabled: Boolean(secret) };
}

/** A sign-in link for a verified chat user, or undefined when the dashboard has no key or no public URL. */
export function dashboardLinkIssuer(config: Config, signer: SessionSigner, enabled: boolean, now: () => number) {
  return (subject: string): string | undefined => {
    if (!enabled || !config.publicBaseUrl) return undefined;
    const token = signer.issueLink(subject, now(), config.dashboard.linkMinutes * 60_000);
    return new URL(`/dashboard/link?token=${encodeURIComponent(token)}`, config.publicBaseUrl).toString();
  };
}
