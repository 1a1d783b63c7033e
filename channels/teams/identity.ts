import type { Actor } from "../../src/core/domain.js";
import type { TeamsConfig } from "./bot-authentication.js";

export type TeamsAccess = Pick<TeamsConfig, "allowedTenants" | "reps" | "managers">;

export interface TeamsIdentity {
  /** Azure AD tenant of the conversation (`conversation.tenantId` or `channelData.tenant.id`). */
  tenantId?: string;
  /** The sender's Azure AD object id (`from.aadObjectId`): stable across bots, unlike `from.id`. */
  aadObjectId?: string;
}

/**
 * Internal users are recognised only by the identity Teams vouches for in an authenticated activity: the
 * tenant must be allowed and the user's AAD object id listed as a rep or manager. Everyone else (guests from
 * other tenants, unlisted colleagues) gets no actor, so the conversation is never reached. Empty lists allow
 * nobody.
 */
export function resolveTeamsActor(identity: TeamsIdentity, access: TeamsAccess, tenant: string): Actor | undefined {
  const { tenantId, aadObjectId } = identity;
  if (!tenantId || !aadObjectId) return undefined;
  if (!access.allowedTenants.includes(tenantId)) return undefined;
  if (access.managers.includes(aadObjectId)) return { id: aadObjectId, role: "manager", tenant };
  if (access.reps.includes(aadObjectId)) return { id: aadObjectId, role: "rep", tenant };
  return undefined;
}
