import type pg from "pg";
import type { CallDeal, CallLogEntry, CallLogResult, CallLogStore } from "../../core/call-log.js";
import { withTransaction } from "./pool.js";

const DEAL_COLUMNS = `d.id, d.name, d.account_id, a.name as account_name, d.owner_rep_id, d.stage, d.next_step
  from deals d join accounts a on a.id = d.account_id`;

function deal(r: Record<string, unknown>): CallDeal {
  return {
    id: String(r.id),
    name: String(r.name),
    accountId: String(r.account_id),
    accountName: String(r.account_name),
    ownerRepId: String(r.owner_rep_id),
    stage: String(r.stage),
    nextStep: r.next_step === null ? null : String(r.next_step),
  };
}

/** Transcripts, their call activities and the deal's next step, written together or not at all. */
export function createTranscriptsRepo(pool: pg.Pool): CallLogStore {
  return {
    async crmUsers() {
      const { rows } = await pool.query<{ id: string; name: string; email: string }>("select id, name, email from reps order by name");
      return rows;
    },
    async accountNames() {
      const { rows } = await pool.query<{ id: string; name: string }>("select id, name from accounts order by name");
      return rows;
    },
    async dealById(id) {
      const { rows } = await pool.query(`select ${DEAL_COLUMNS} where d.id = $1`, [id]);
      return rows[0] ? deal(rows[0]) : undefined;
    },
    async openDealsOf(accountId) {
      const { rows } = await pool.query(`select ${DEAL_COLUMNS} where d.account_id = $1 and d.stage not in ('won', 'lost') order by d.amount desc, d.id`, [accountId]);
      return rows.map(deal);
    },
    async log(entry: CallLogEntry): Promise<CallLogResult> {
      const accountId = entry.deal?.accountId ?? entry.account?.id ?? null;
      const dealId = entry.deal?.id ?? null;
      return withTransaction(pool, async (client) => {
        let activityId: string | null = null;
        if (accountId) {
          activityId = `act-${entry.id}`;
          await client.query(
            `insert into activities (id, kind, direction, account_id, deal_id, rep_id, subject, outcome, occurred_at)
             values ($1, 'call', 'outbound', $2, $3, $4, $5, $6, $7)`,
            [activityId, accountId, dealId, entry.repId ?? entry.deal?.ownerRepId ?? null, entry.subject, entry.outcome, entry.occurredAt],
          );
        }
        await client.query(
          `insert into transcripts (id, deal_id, account_id, rep_id, title, body, analysis, source, format, activity_id, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [entry.id, dealId, accountId, entry.repId ?? null, entry.title, entry.body, JSON.stringify(entry.analysis), entry.source, entry.format, activityId, entry.occurredAt],
        );
        let nextStepUpdated = false;
        if (dealId) {
          const r = await client.query(
            `update deals set last_activity_at = greatest(coalesce(last_activity_at, $2::timestamptz), $2::timestamptz),
                    next_step = coalesce($3, next_step)
              where id = $1`,
            [dealId, entry.occurredAt, entry.nextStep ?? null],
          );
          nextStepUpdated = (r.rowCount ?? 0) > 0 && entry.nextStep !== undefined;
        }
        return { transcriptId: entry.id, activityId, dealId, accountId, nextStepUpdated };
      });
    },
  };
}
