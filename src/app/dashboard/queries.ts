import type pg from "pg";
import { asOfFor } from "../../../tools/pipeline/repo.js";
import { OPEN_STAGES } from "../../../tools/pipeline/types.js";
import type { Filters } from "./filters.js";

/**
 * Every figure the dashboard draws that can be counted is counted here, in SQL, so a 10k-deal CRM costs a few
 * grouped scans rather than rows shipped to Node or the browser. Rep and region are the deal (or lead) owner's;
 * each query has fixed text with nullable parameters ($1 rep, $2 region).
 */
const OWNER = "($1::text is null or r.name = $1) and ($2::text is null or r.region = $2)";
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function crmAsOf(pool: pg.Pool, now: number): Promise<{ asOf: number; snapshot: boolean }> {
  const { rows } = await pool.query<{ latest: Date | null }>(
    `select greatest((select max(greatest(engaged_at, stage_entered_at, coalesce(closed_at, engaged_at))) from deals),
                     (select max(occurred_at) from activities where deal_id is not null)) as latest`,
  );
  return asOfFor(rows[0]?.latest ? rows[0].latest.getTime() : Number.NaN, now);
}

export interface StageRow {
  stage: string;
  count: number;
  amount: number;
}

export async function openStages(pool: pg.Pool, f: Filters): Promise<StageRow[]> {
  const { rows } = await pool.query(
    `select d.stage, count(*)::int as count, coalesce(sum(d.amount), 0)::float8 as amount
       from deals d join reps r on r.id = d.owner_rep_id
      where d.closed_at is null and d.stage = any($3::text[]) and d.engaged_at <= $4 and ${OWNER}
      group by d.stage`,
    [f.rep ?? null, f.region ?? null, OPEN_STAGES, new Date(f.asOf)],
  );
  return OPEN_STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return { stage, count: num(row?.count), amount: num(row?.amount) };
  });
}

export interface MonthTrend {
  month: string;
  closed: number;
  won: number;
  winRate: number | null;
  wonValue: number;
  /** Mean days from engagement to a win. */
  cycleDays: number | null;
}

/** Win rate and velocity by month of closing, the 12 months up to as-of. */
export async function monthlyTrends(pool: pg.Pool, f: Filters): Promise<MonthTrend[]> {
  const { rows } = await pool.query(
    `select to_char(date_trunc('month', d.closed_at at time zone 'UTC'), 'YYYY-MM') as month,
            count(*)::int as closed,
            count(*) filter (where d.stage = 'won')::int as won,
            coalesce(sum(coalesce(d.close_value, d.amount)) filter (where d.stage = 'won'), 0)::float8 as won_value,
            avg(extract(epoch from d.closed_at - d.engaged_at) / 86400) filter (where d.stage = 'won')::float8 as cycle_days
       from deals d join reps r on r.id = d.owner_rep_id
      where d.closed_at is not null and d.closed_at <= $3
        and d.closed_at >= date_trunc('month', $3::timestamptz at time zone 'UTC') at time zone 'UTC' - interval '11 months'
        and ${OWNER}
      group by 1 order by 1`,
    [f.rep ?? null, f.region ?? null, new Date(f.asOf)],
  );
  return rows.map((r) => ({
    month: r.month,
    closed: num(r.closed),
    won: num(r.won),
    winRate: num(r.closed) ? num(r.won) / num(r.closed) : null,
    wonValue: num(r.won_value),
    cycleDays: r.cycle_days === null ? null : Math.round(num(r.cycle_days) * 10) / 10,
  }));
}

export interface ScoreBucket {
  /** 0 for scores 0–9 … 9 for 90–100. */
  bucket: number;
  count: number;
}

/** Open leads by stored score (leads.lead_score, written when leads are scored). */
export async function scoreDistribution(pool: pg.Pool, f: Filters): Promise<{ buckets: ScoreBucket[]; unscored: number }> {
  const { rows } = await pool.query(
    `select case when l.lead_score is null then -1 else least(l.lead_score / 10, 9) end as bucket, count(*)::int as count
       from leads l left join reps r on r.id = l.owner_rep_id
      where l.converted is null and l.status not in ('converted', 'disqualified') and ${OWNER}
      group by 1`,
    [f.rep ?? null, f.region ?? null],
  );
  const buckets = Array.from({ length: 10 }, (_, bucket) => ({ bucket, count: num(rows.find((r) => num(r.bucket) === bucket)?.count) }));
  return { buckets, unscored: num(rows.find((r) => num(r.bucket) === -1)?.count) };
}

export interface SourceConversion {
  source: string;
  leads: number;
  converted: number;
  rate: number;
}

/** Leads with a known outcome, by source. */
export async function conversionBySource(pool: pg.Pool, f: Filters): Promise<SourceConversion[]> {
  const { rows } = await pool.query(
    `select l.source, count(*)::int as leads, count(*) filter (where l.converted)::int as converted
       from leads l left join reps r on r.id = l.owner_rep_id
      where l.converted is not null and ${OWNER}
      group by l.source order by 2 desc, 1`,
    [f.rep ?? null, f.region ?? null],
  );
  return rows.map((r) => ({ source: r.source, leads: num(r.leads), converted: num(r.converted), rate: num(r.leads) ? num(r.converted) / num(r.leads) : 0 }));
}

export interface SegmentSize {
  segmentId: string;
  key: string;
  label: string;
  accounts: number;
}

/** Accounts per segment of the latest run (accounts owned in the rep/region filter). */
export async function segmentSizes(pool: pg.Pool, f: Filters, runId: string): Promise<SegmentSize[]> {
  const { rows } = await pool.query(
    `select s.id, s.label, s.profile->>'key' as key, count(a.id)::int as accounts
       from segments s
       left join segment_memberships m on m.segment_id = s.id and m.run_id = s.run_id
       left join accounts a on a.id = m.account_id
         and ($1::text is null or exists (select 1 from reps r where r.id = a.owner_rep_id and r.name = $1))
         and ($2::text is null or exists (select 1 from reps r where r.id = a.owner_rep_id and r.region = $2))
      where s.run_id = $3
      group by s.id, s.label, s.profile->>'key' order by 4 desc, 2`,
    [f.rep ?? null, f.region ?? null, runId],
  );
  return rows.map((r) => ({ segmentId: r.id, key: r.key, label: r.label, accounts: num(r.accounts) }));
}

export interface Volume {
  key: string;
  messages: number;
}

/** Messages people sent in the period, by channel and by routed intent. */
export async function conversationVolume(pool: pg.Pool, start: Date, end: Date): Promise<{ byChannel: Volume[]; byIntent: Volume[] }> {
  const [channels, intents] = await Promise.all([
    pool.query(
      `select c.channel as key, count(*)::int as messages from messages m join conversations c on c.id = m.conversation_id
        where m.sender = 'user' and m.created_at >= $1 and m.created_at < $2 group by 1 order by 2 desc, 1`,
      [start, end],
    ),
    pool.query(
      `select coalesce(m.intent, 'unknown') as key, count(*)::int as messages from messages m
        where m.sender = 'user' and m.created_at >= $1 and m.created_at < $2 group by 1 order by 2 desc, 1`,
      [start, end],
    ),
  ]);
  const volume = (rows: { key: string; messages: unknown }[]) => rows.map((r) => ({ key: r.key, messages: num(r.messages) }));
  return { byChannel: volume(channels.rows), byIntent: volume(intents.rows) };
}

export async function optOuts(pool: pg.Pool, start: Date, end: Date): Promise<{ count: number; byChannel: Volume[] }> {
  const { rows } = await pool.query(
    `select channel as key, count(*)::int as messages from consents
      where status = 'withdrawn' and updated_at >= $1 and updated_at < $2 group by 1 order by 2 desc, 1`,
    [start, end],
  );
  const byChannel = rows.map((r) => ({ key: r.key as string, messages: num(r.messages) }));
  return { count: byChannel.reduce((s, r) => s + r.messages, 0), byChannel };
}

export interface ExperimentSummary {
  id: string;
  name: string;
  channel: string;
  metric: string;
  status: string;
  variants: { id: string; variant: string; sent: number; opened: number; clicked: number; converted: number }[];
}

/** Content experiments and their event counts, when the content tables exist in this database. */
export async function contentExperiments(pool: pg.Pool): Promise<ExperimentSummary[] | undefined> {
  const exists = await pool.query<{ ok: boolean }>("select to_regclass('experiments') is not null and to_regclass('content_events') is not null as ok");
  if (!exists.rows[0]?.ok) return undefined;
  const { rows } = await pool.query(
    `select e.id, e.name, e.channel, e.metric, e.status, v.id as variant_id, v.variant,
            count(ev.event_id) filter (where ev.type = 'sent')::int as sent,
            count(ev.event_id) filter (where ev.type = 'opened')::int as opened,
            count(ev.event_id) filter (where ev.type = 'clicked')::int as clicked,
            count(ev.event_id) filter (where ev.type = 'converted')::int as converted
       from experiments e join content_variants v on v.experiment_id = e.id
       left join content_events ev on ev.variant_id = v.id
      group by e.id, e.name, e.channel, e.metric, e.status, e.created_at, v.id, v.variant
      order by e.created_at desc, e.id, v.variant limit 300`,
  );
  const out = new Map<string, ExperimentSummary>();
  for (const r of rows) {
    const e = out.get(r.id) ?? { id: r.id, name: r.name, channel: r.channel, metric: r.metric, status: r.status, variants: [] as ExperimentSummary["variants"] };
    e.variants.push({ id: r.variant_id, variant: r.variant, sent: num(r.sent), opened: num(r.opened), clicked: num(r.clicked), converted: num(r.converted) });
    out.set(r.id, e);
  }
  return [...out.values()];
}

export async function filterOptions(pool: pg.Pool): Promise<{ reps: string[]; regions: string[] }> {
  const { rows } = await pool.query<{ name: string; region: string }>("select name, region from reps where role = 'rep' order by name");
  return { reps: rows.map((r) => r.name), regions: [...new Set(rows.map((r) => r.region))].sort() };
}
