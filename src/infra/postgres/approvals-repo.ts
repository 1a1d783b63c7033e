import type pg from "pg";
import type { ApprovalAuditEntry, ApprovalRecord, ApprovalStore } from "../../core/approvals.js";
import { withTransaction } from "./pool.js";

function toRecord(r: Record<string, any>): ApprovalRecord {
  return {
    id: r.id,
    threadId: r.thread_id,
    interruptId: r.interrupt_id,
    action: r.action,
    summary: r.summary,
    preview: r.payload.preview,
    status: r.status,
    requestedBy: r.requested_by,
    channel: r.channel,
    conversation: r.conversation,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    before: r.before,
    after: r.after,
    resumedAt: r.resumed_at,
    outcome: r.outcome,
    slackPost: r.slack_ts ? { channel: r.slack_channel, ts: r.slack_ts } : null,
    createdAt: r.created_at,
  };
}

const EVENT_OF = { approved: "approved", edited: "edited", rejected: "rejected" } as const;

export function createApprovalsRepo(pool: pg.Pool): ApprovalStore {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await pool.query(sql, params);
    return rows[0] ? toRecord(rows[0]) : undefined;
  };

  return {
    async create({ threadId, interruptId, request, channel, conversation }) {
      return withTransaction(pool, async (client) => {
        const inserted = await client.query(
          `insert into approvals (id, thread_id, interrupt_id, action, summary, payload, requested_by, channel, conversation, before)
           values ('AP-' || nextval('approval_numbers'), $1, $2, $3, $4, $5, $6, $7, $8, $9)
           on conflict (thread_id, interrupt_id) do nothing returning *`,
          [threadId, interruptId, request.action, request.preview.summary, { preview: request.preview }, request.requestedBy, channel, conversation, request.input],
        );
        if (inserted.rows[0]) {
          const r = toRecord(inserted.rows[0]);
          await client.query(
            `insert into approval_audit (approval_id, event, actor, action, before, detail) values ($1, 'requested', $2, $3, $4, $5)`,
            [r.id, r.requestedBy, r.action, r.before, r.summary],
          );
          return r;
        }
        const existing = await client.query("select * from approvals where thread_id = $1 and interrupt_id = $2", [threadId, interruptId]);
        return toRecord(existing.rows[0]);
      });
    },

    async setSlackPost(id, post) {
      await pool.query("update approvals set slack_channel = $2, slack_ts = $3 where id = $1", [id, post.channel, post.ts]);
    },

    find: (id) => one("select * from approvals where id = $1", [id]),

    findBySlackPost: (post) =>
      one("select * from approvals where slack_channel = $1 and slack_ts = $2 order by (status = 'pending') desc, created_at desc limit 1", [post.channel, post.ts]),

    async listPending() {
      const { rows } = await pool.query("select * from approvals where status = 'pending' order by created_at, id");
      return rows.map(toRecord);
    },

    openForThread: (threadId) => one("select * from approvals where thread_id = $1 and resumed_at is null order by created_at desc limit 1", [threadId]),

    async claim({ id, status, decidedBy, after }) {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query(
          `update approvals set status = $2, decided_by = $3, decided_at = now(), after = $4
            where id = $1 and status = 'pending' returning *`,
          [id, status, decidedBy, after],
        );
        if (!rows[0]) return undefined;
        const r = toRecord(rows[0]);
        await client.query(
          `insert into approval_audit (approval_id, event, actor, action, before, after) values ($1, $2, $3, $4, $5, $6)`,
          [r.id, EVENT_OF[status], decidedBy, r.action, r.before, after],
        );
        return r;
      });
    },

    async complete(id, outcome, after) {
      await withTransaction(pool, async (client) => {
        const { rows } = await client.query(
          `update approvals set resumed_at = now(), outcome = $2 where id = $1 and resumed_at is null returning action, before, decided_by`,
          [id, outcome],
        );
        if (!rows[0]) return;
        await client.query(
          `insert into approval_audit (approval_id, event, actor, action, before, after, detail) values ($1, 'completed', $2, $3, $4, $5, $6)`,
          [id, rows[0].decided_by ?? "system", rows[0].action, rows[0].before, after, outcome],
        );
      });
    },

    async audit(id): Promise<ApprovalAuditEntry[]> {
      const { rows } = await pool.query("select * from approval_audit where approval_id = $1 order by id", [id]);
      return rows.map((r) => ({ event: r.event, actor: r.actor, at: r.at, action: r.action, before: r.before, after: r.after, detail: r.detail }));
    },
  };
}
