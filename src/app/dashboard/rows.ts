import type pg from "pg";
import { z } from "zod";
import { BadInputError } from "../../core/errors.js";

/**
 * The rows behind every number on the dashboard: each figure links here with the filters that produced it.
 * One fixed, parameterised query per kind; an absent parameter means "any".
 */
export const RowsQuery = z.object({
  rep: z.string().max(120).optional(),
  region: z.string().max(120).optional(),
  stage: z.string().max(40).optional(),
  status: z.enum(["open", "won", "lost", "closed"]).optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  ids: z.string().max(4000).optional(),
  bucket: z.coerce.number().int().min(-1).max(9).optional(),
  source: z.string().max(80).optional(),
  converted: z.enum(["true", "false"]).optional(),
  segment: z.string().max(120).optional(),
  channel: z.string().max(40).optional(),
  intent: z.string().max(60).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  experiment: z.string().max(80).optional(),
  asOf: z.iso.datetime().optional(),
});
export type RowsQuery = z.infer<typeof RowsQuery>;

export const ROW_KINDS = ["deals", "leads", "accounts", "messages", "opt-outs", "variants"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export interface RowsResult {
  columns: string[];
  rows: Record<string, unknown>[];
  total: number;
}

const LIMIT = 500;
const list = (v: string | undefined) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean).slice(0, 200) : null);
const OWNER = "($1::text is null or r.name = $1) and ($2::text is null or r.region = $2)";

const QUERIES: Record<RowKind, { sql: string; params(q: RowsQuery): unknown[] }> = {
  deals: {
    sql: `select d.id, d.name, a.name as account, r.name as owner, r.region, d.stage, d.amount::float8 as amount,
                 d.engaged_at, d.closed_at, d.expected_close_date::text as expected_close, d.next_step, count(*) over () as total
            from deals d join reps r on r.id = d.owner_rep_id join accounts a on a.id = d.account_id
           where ${OWNER}
             and ($3::text is null or d.stage = $3)
             and ($4::text is null or ($4 = 'open' and d.closed_at is null and d.engaged_at <= coalesce($7::timestamptz, now()))
                  or ($4 = 'won' and d.stage = 'won') or ($4 = 'lost' and d.stage = 'lost') or ($4 = 'closed' and d.closed_at is not null))
             and ($5::text is null or to_char(date_trunc('month', d.closed_at at time zone 'UTC'), 'YYYY-MM') = $5)
             and ($6::text[] is null or d.id = any($6))
           order by d.amount desc, d.id limit ${LIMIT}`,
    params: (q) => [q.rep ?? null, q.region ?? null, q.stage ?? null, q.status ?? null, q.month ?? null, list(q.ids), q.asOf ?? null],
  },
  leads: {
    sql: `select l.id, l.name, l.company, l.source, l.status, r.name as owner, l.lead_score, l.converted, l.created_at,
                 count(*) over () as total
            from leads l left join reps r on r.id = l.owner_rep_id
           where ${OWNER}
             and ($3::int is null or ($3 = -1 and l.lead_score is null) or least(l.lead_score / 10, 9) = $3)
             and ($4::text is null or l.source = $4)
             and ($5::boolean is null or l.converted = $5)
             and ($6::text[] is null or l.id = any($6))
             and ($7::boolean is not true or (l.converted is null and l.status not in ('converted', 'disqualified')))
             and ($8::boolean is not true or l.converted is not null)
           order by l.lead_score desc nulls last, l.id limit ${LIMIT}`,
    params: (q) => [
      q.rep ?? null, q.region ?? null, q.bucket ?? null, q.source ?? null,
      q.converted === undefined ? null : q.converted === "true", list(q.ids),
      q.status === "open", q.status === "closed",
    ],
  },
  accounts: {
    sql: `select a.id, a.name, a.sector, a.region, a.employees, r.name as owner, s.label as segment, m.distance,
                 count(*) over () as total
            from segment_memberships m join segments s on s.id = m.segment_id and s.run_id = m.run_id
            join accounts a on a.id = m.account_id left join reps r on r.id = a.owner_rep_id
           where ${OWNER} and ($3::text is null or s.id = $3) and ($4::text[] is null or a.id = any($4))
           order by a.name limit ${LIMIT}`,
    params: (q) => [q.rep ?? null, q.region ?? null, q.segment ?? null, list(q.ids)],
  },
  messages: {
    sql: `select m.id, c.channel, c.external_id as conversation, coalesce(m.intent, 'unknown') as intent, m.created_at,
                 left(m.text, 140) as text, count(*) over () as total
            from messages m join conversations c on c.id = m.conversation_id
           where m.sender = 'user' and ($1::text is null or c.channel = $1) and ($2::text is null or coalesce(m.intent, 'unknown') = $2)
             and ($3::timestamptz is null or m.created_at >= $3) and ($4::timestamptz is null or m.created_at < $4)
           order by m.created_at desc, m.id desc limit ${LIMIT}`,
    params: (q) => [q.channel ?? null, q.intent ?? null, q.from ?? null, q.to ?? null],
  },
  "opt-outs": {
    sql: `select channel, identity, contact_id, source, updated_at, count(*) over () as total from consents
           where status = 'withdrawn' and ($1::text is null or channel = $1)
             and ($2::timestamptz is null or updated_at >= $2) and ($3::timestamptz is null or updated_at < $3)
           order by updated_at desc limit ${LIMIT}`,
    params: (q) => [q.channel ?? null, q.from ?? null, q.to ?? null],
  },
  variants: {
    sql: `select v.id, v.experiment_id, v.variant, v.angle, left(v.body, 160) as body, count(*) over () as total
            from content_variants v where ($1::text is null or v.experiment_id = $1) order by v.experiment_id, v.variant limit ${LIMIT}`,
    params: (q) => [q.experiment ?? null],
  },
};

export async function loadRows(pool: pg.Pool, kind: string, query: RowsQuery): Promise<RowsResult> {
  if (!(ROW_KINDS as readonly string[]).includes(kind)) throw new BadInputError(`unknown row kind '${kind}' (one of ${ROW_KINDS.join(", ")})`);
  const q = QUERIES[kind as RowKind];
  const { rows, fields } = await pool.query(q.sql, q.params(query));
  const columns = fields.map((f) => f.name).filter((n) => n !== "total");
  return { columns, rows: rows.map(({ total: _total, ...rest }) => rest), total: Number(rows[0]?.total ?? 0) };
}
