import type { Config } from "../../src/core/config.js";
import type { Actor } from "../../src/core/domain.js";

export type SlackAccess = Pick<Config["slack"], "allowedTeams" | "reps" | "managers">;

/**
 * Internal users are recognised only by verified Slack identity: the user's own workspace must be allowed
 * and the user listed as a rep or manager. Everyone else (other workspaces in a Slack Connect channel, guests,
 * unlisted colleagues) gets no actor, so the conversation is never reached. Empty lists allow nobody.
 */
export function resolveSlackActor(identity: { teamId: string; userId: string }, access: SlackAccess, tenant: string): Actor | undefined {
  if (!access.allowedTeams.includes(identity.teamId)) return undefined;
  if (access.managers.includes(identity.userId)) return { id: identity.userId, role: "manager", tenant };
  if (access.reps.includes(identity.userId)) return { id: identity.userId, role: "rep", tenant };
  return undefined;
}
