import type { Actor, Channel } from "./domain.js";

/** The CRM sales agent a Slack/Teams/CLI user is, and the reps whose records "my …" covers. */
export interface RepOwner {
  repId: string;
  name: string;
  role: "rep" | "manager";
  /** The rep's own id, or a manager's team (their reps and themselves). */
  repIds: string[];
}

/** Port: who in the CRM the asking user is (from REP_OWNERS, else an e-mail matching a rep's). */
export interface RepOwners {
  resolve(who: { actor: Actor; channel: Channel }): Promise<RepOwner | undefined>;
}

/** The REP_OWNERS key of a user: "slack:U0123"; ids that already carry their channel ("cli:ana") stay as they are. */
export function ownerKey(actor: Pick<Actor, "id">, channel: Channel): string {
  return actor.id.startsWith(`${channel}:`) ? actor.id : `${channel}:${actor.id}`;
}
