import { randomBytes } from "node:crypto";
import type pg from "pg";

export type HandoffKind = "support" | "human" | "hot_lead";

export interface Handoff {
  id: string;
  conversationId: string;
  kind: HandoffKind;
  status: "open" | "claimed" | "closed";
  summary: string;
  reason: string | null;
  createdAt: Date;
}

function toHandoff(r: Record<string, any>): Handoff {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    kind: r.kind,
    status: r.status,
    summary: r.summary,
    reason: r.reason,
    createdAt: r.created_at,
  };
}

export function createHandoffsRepo(pool: pg.Pool) {
  return {
    /** Opens a hand-off, or returns the one already open for this conversation and kind. */
    async open(input: { conversationId: string; kind: HandoffKind; summary: string; reason?: string }): Promise<Handoff> {
      const existing = await pool.query(
        "select * from handoffs where conversation_id = $1 and kind = $2 and status = 'open' limit 1",
        [input.conversationId, input.kind],
      );
      if (existing.rows[0]) {
        const { rows } = await pool.query("update handoffs set summary = $2 where id = $1 returning *", [
          existing.rows[0].id,
          input.summary,
        ]);
        return toHandoff(rows[0]);
      }
      const id = `HO-${randomBytes(3).toString("hex").toUpperCase()}`;
      const { rows } = await pool.query(
        `insert into handoffs (id, conversation_id, kind, summary, reason) values ($1, $2, $3, $4, $5) returning *`,
        [id, input.conversationId, input.kind, input.summary, input.reason ?? null],
      );
      return toHandoff(rows[0]);
    },

    async listOpen(limit = 100): Promise<Handoff[]> {
      const { rows } = await pool.query(
        "select * from handoffs where status = 'open' order by created_at desc, id limit $1",
        [limit],
      );
      return rows.map(toHandoff);
    },
  };
}

export type HandoffsRepo = ReturnType<typeof createHandoffsRepo>;
