import type pg from "pg";

export interface OperatorAuditEntry {
  /** `token:<fingerprint>` or `loopback:<address>`: which credential, never the token itself. */
  actor: string;
  action: string;
  target?: string;
  clientIp?: string;
  /** How many records were shown (a listing). */
  items?: number;
}

/** Who read or acted on operator data, and when: one row per request, kept in `operator_audit`. */
export function createOperatorAuditRepo(pool: pg.Pool) {
  return {
    async record(entry: OperatorAuditEntry): Promise<void> {
      await pool.query("insert into operator_audit (actor, action, target, client_ip, items) values ($1, $2, $3, $4, $5)", [
        entry.actor,
        entry.action,
        entry.target ?? null,
        entry.clientIp ?? null,
        entry.items ?? null,
      ]);
    },

    async recent(limit = 100): Promise<(OperatorAuditEntry & { at: Date })[]> {
      const { rows } = await pool.query("select * from operator_audit order by id desc limit $1", [limit]);
      return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, target: r.target ?? undefined, clientIp: r.client_ip ?? undefined, items: r.items ?? undefined }));
    },
  };
}

export type OperatorAuditRepo = ReturnType<typeof createOperatorAuditRepo>;
