import type pg from "pg";
import type { AccountRecord, ContactRecord, DealRecord, Journey, MarketingCrm, Touch } from "../../core/marketing.js";

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const ACCOUNT_COLUMNS = `a.id, a.name, a.sector, a.employees, a.revenue_musd, a.region, a.country, a.owner_rep_id, r.name as owner_name`;

function account(row: any): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    employees: num(row.employees),
    revenueMusd: num(row.revenue_musd),
    region: row.region,
    country: row.country ?? null,
    ownerRepId: row.owner_rep_id ?? null,
    ownerName: row.owner_name ?? null,
  };
}

function contact(row: any): ContactRecord {
  return {
    id: row.id,
    accountId: row.account_id ?? null,
    name: `${row.first_name} ${row.last_name}`.trim(),
    email: row.email ?? null,
    phone: row.phone ?? null,
    title: row.title ?? null,
    seniority: row.seniority ?? null,
    timeZone: row.timezone ?? null,
  };
}

const SENIORITY_ORDER = `case c.seniority when 'c_level' then 0 when 'vp' then 1 when 'director' then 2 when 'manager' then 3 else 4 end`;

/** The marketing engine's CRM reads (src/core/marketing.ts) over accounts, contacts, deals, activities, conversations and transcripts. */
export function createMarketingRepo(pool: pg.Pool): MarketingCrm {
  return {
    async listAccounts() {
      const { rows } = await pool.query(`select ${ACCOUNT_COLUMNS} from accounts a left join reps r on r.id = a.owner_rep_id order by a.name`);
      return rows.map(account);
    },
    async account(id) {
      const { rows } = await pool.query(`select ${ACCOUNT_COLUMNS} from accounts a left join reps r on r.id = a.owner_rep_id where a.id = $1`, [id]);
      return rows[0] ? account(rows[0]) : undefined;
    },
    async contact(id) {
      const { rows } = await pool.query(`select * from contacts where id = $1`, [id]);
      return rows[0] ? contact(rows[0]) : undefined;
    },
    async searchContacts(text) {
      const needle = text.trim().toLowerCase();
      if (!needle) return [];
      const { rows } = await pool.query(
        `select c.* from contacts c
          where lower(c.email) = $1 or c.phone = $2 or lower(c.first_name || ' ' || c.last_name) = $1
             or position(lower(c.first_name || ' ' || c.last_name) in $1) > 0
          order by (lower(c.email) = $1) desc, length(c.first_name || c.last_name) desc limit 5`,
        [needle, text.trim()],
      );
      return rows.map(contact);
    },
    async contactsOf(accountId) {
      const { rows } = await pool.query(`select c.* from contacts c where c.account_id = $1 order by ${SENIORITY_ORDER}, c.last_name`, [accountId]);
      return rows.map(contact);
    },
    async dealsOf(accountId) {
      const { rows } = await pool.query(
        `select d.*, p.name as product from deals d join products p on p.id = d.product_id where d.account_id = $1 order by d.engaged_at desc`,
        [accountId],
      );
      return rows.map(
        (r): DealRecord => ({
          id: r.id,
          name: r.name,
          accountId: r.account_id,
          product: r.product,
          stage: r.stage,
          amount: Number(r.amount),
          closeValue: num(r.close_value),
          engagedAt: r.engaged_at,
          closedAt: r.closed_at ?? null,
          expectedCloseDate: r.expected_close_date ? String(r.expected_close_date instanceof Date ? r.expected_close_date.toISOString().slice(0, 10) : r.expected_close_date) : null,
          ownerRepId: r.owner_rep_id,
        }),
      );
    },
    async touchesOf(filter, limit = 500) {
      const byAccount = filter.accountId ?? null;
      const byContact = filter.contactId ?? null;
      const { rows } = await pool.query(
        `select * from (
           select a.occurred_at as at, a.kind as channel, a.direction, 'activity' as source, a.subject, a.outcome,
                  a.account_id, a.contact_id, a.deal_id
             from activities a
            where ($1::text is not null and a.account_id = $1) or ($2::text is not null and a.contact_id = $2)
           union all
           select v.updated_at, v.channel, 'inbound', 'conversation', coalesce(v.last_intent, 'conversation'), null,
                  c.account_id, v.contact_id, null
             from conversations v join contacts c on c.id = v.contact_id
            where ($1::text is not null and c.account_id = $1) or ($2::text is not null and v.contact_id = $2)
           union all
           select t.created_at, 'transcript', null, 'transcript', t.title, null, t.account_id, null, t.deal_id
             from transcripts t
            where $1::text is not null and t.account_id = $1
         ) x order by at desc limit $3`,
        [byAccount, byContact, limit],
      );
      return rows.map(
        (r): Touch => ({
          at: new Date(r.at),
          channel: r.channel,
          direction: r.direction ?? null,
          source: r.source,
          subject: r.subject,
          outcome: r.outcome ?? null,
          accountId: r.account_id ?? null,
          contactId: r.contact_id ?? null,
          dealId: r.deal_id ?? null,
        }),
      );
    },
    async journeys() {
      const [deals, stages, touches] = await Promise.all([
        pool.query(`select id, account_id, stage, amount, close_value, closed_at from deals order by engaged_at, id`),
        pool.query(`select deal_id, stage, entered_at from deal_stage_history order by deal_id, entered_at`),
        // internal notes are not touchpoints, and nothing after the close can explain it
        pool.query(`select deal_id, kind, direction, outcome, occurred_at from activities where deal_id is not null and kind <> 'note' order by deal_id, occurred_at`),
      ]);
      const byDeal = new Map<string, Journey>();
      for (const d of deals.rows) {
        byDeal.set(d.id, { dealId: d.id, accountId: d.account_id, outcome: d.stage === "won" ? "won" : d.stage === "lost" ? "lost" : "open",
          value: Number(d.close_value ?? d.amount),
          closedAt: d.closed_at ? new Date(d.closed_at) : null,
          stages: [],
          touches: [],
        });
      }
      for (const s of stages.rows) byDeal.get(s.deal_id)?.stages.push({ stage: s.stage, at: new Date(s.entered_at) });
      for (const t of touches.rows) {
        const j = byDeal.get(t.deal_id);
        const at = new Date(t.occurred_at);
        if (j && (!j.closedAt || at <= j.closedAt)) j.touches.push({ channel: t.kind, direction: t.direction ?? null, outcome: t.outcome ?? null, at });
      }
      return [...byDeal.values()];
    },
    async touchesSince(since) {
      const { rows } = await pool.query(
        `select account_id, kind, direction, occurred_at from activities where account_id is not null and occurred_at >= $1 order by occurred_at`,
        [since],
      );
      return rows.map((r) => ({ accountId: r.account_id, channel: r.kind, direction: r.direction ?? null, at: new Date(r.occurred_at) }));
    },
    async conversationContact(conversationId) {
      const { rows } = await pool.query(
        `select v.contact_id, c.account_id from conversations v left join contacts c on c.id = v.contact_id where v.id = $1`,
        [conversationId],
      );
      return { ...(rows[0]?.contact_id ? { contactId: rows[0].contact_id } : {}), ...(rows[0]?.account_id ? { accountId: rows[0].account_id } : {}) };
    },
    async segmentLabelOf(accountId) {
      const { rows } = await pool.query(
        `select s.label from segment_memberships m join segments s on s.id = m.segment_id
          where m.account_id = $1 order by m.assigned_at desc limit 1`,
        [accountId],
      );
      return rows[0]?.label;
    },
    async segmentMembers(label) {
      const { rows } = await pool.query(
        `select m.account_id from segment_memberships m join segments s on s.id = m.segment_id
          where lower(s.label) = lower($1)
            and m.run_id = (select run_id from segment_memberships order by assigned_at desc limit 1)`,
        [label],
      );
      return rows.map((r) => r.account_id as string);
    },
    async consentWithdrawn(contactId) {
      const { rows } = await pool.query(
        `select 1 from consents c
          where c.status = 'withdrawn'
            and (c.contact_id = $1 or (c.channel = 'contact' and c.identity = $1)
                 or c.identity in (select phone from contacts where id = $1 and phone is not null)
                 or c.identity in (select lower(email) from contacts where id = $1 and email is not null))
          limit 1`,
        [contactId],
      );
      return rows.length > 0;
    },
  };
}
