import type pg from "pg";
import { ownerKey, type RepOwner, type RepOwners } from "../../core/rep-owner.js";

/** RepOwners over the reps table: a REP_OWNERS entry names the rep; an e-mail-shaped user id matches reps.email. */
export function createRepOwners(pool: pg.Pool, configured: Readonly<Record<string, string>>): RepOwners {
  return {
    async resolve({ actor, channel }): Promise<RepOwner | undefined> {
      const name = configured[ownerKey(actor, channel)];
      const email = actor.id.includes("@") ? actor.id.replace(/^[a-z]+:/, "") : undefined;
      if (!name && !email) return undefined;
      const { rows } = name
        ? await pool.query("select id, name, role from reps where lower(name) = lower($1) limit 1", [name])
        : await pool.query("select id, name, role from reps where lower(email) = lower($1) limit 1", [email]);
      const rep = rows[0] as { id: string; name: string; role: string } | undefined;
      if (!rep) return undefined;
      if (rep.role !== "manager") return { repId: rep.id, name: rep.name, role: "rep", repIds: [rep.id] };
      const team = await pool.query<{ id: string }>("select id from reps where manager_id = $1 order by id", [rep.id]);
      return { repId: rep.id, name: rep.name, role: "manager", repIds: [rep.id, ...team.rows.map((r) => r.id)] };
    },
  };
}
