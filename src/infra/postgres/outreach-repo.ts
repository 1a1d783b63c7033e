import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { DealRef, FollowUpContext, OutreachCrm, OutreachRecipient } from "../../core/outreach.js";

const SENIORITY_ORDER = `case c.seniority when 'c_level' then 0 when 'vp' then 1 when 'director' then 2 when 'manager' then 3 else 4 end`;

const CONTACT_COLUMNS = `'contact' as kind, c.id, c.first_name || ' ' || c.last_name as name, c.email, c.phone, a.name as company, c.timezone`;
const LEAD_COLUMNS = `'lead' as kind, l.id, l.name, l.email, l.phone, coalesce(a.name, l.company) as company, null::text as timezone`;

function toRecipient(row: Record<string, any>): OutreachRecipient {
  return { kind: row.kind, id: row.id, name: row.name, email: row.email, phone: row.phone, company: row.company, timeZone: row.timezone };
}

/**
 * The CRM as outreach needs it: people by id or name (contacts first; a lead already linked to a contact is that
 * contact), an account's contacts, the deal a follow-up is about, and the two writes approvals guard.
 */
export function createOutreachRepo(pool: pg.Pool): OutreachCrm {
  async function byName(name: string, company: string | undefined, exactOnly: boolean): Promise<OutreachRecipient[]> {
    const full = name.trim().toLowerCase();
    const pattern = company ? `%${company.trim().toLowerCase()}%` : null;
    const { rows } = await pool.query(
      `select * from (
         select ${CONTACT_COLUMNS}, 0 as source from contacts c left join accounts a on a.id = c.account_id
          where (lower(c.first_name || ' ' || c.last_name) = $1
                 or (not $3 and (lower(c.first_name) = $1 or lower(c.last_name) = $1)))
            and ($2::text is null or lower(a.name) like $2)
         union all
         select ${LEAD_COLUMNS}, 1 as source from leads l left join accounts a on a.id = l.account_id
          where l.contact_id is null and lower(l.name) = $1
            and ($2::text is null or lower(coalesce(a.name, l.company, '')) like $2)
       ) people order by source, name, id limit 20`,
      [full, pattern, exactOnly],
    );
    return rows.map(toRecipient);
  }

  return {
    async findRecipients(query) {
      if (query.id) {
        const { rows } = await pool.query(
          `select ${CONTACT_COLUMNS} from contacts c left join accounts a on a.id = c.account_id where c.id = $1
           union all
           select ${LEAD_COLUMNS} from leads l left join accounts a on a.id = l.account_id where l.id = $1`,
          [query.id],
        );
        return rows.map(toRecipient);
      }
      if (!query.name) return [];
      const exact = await byName(query.name, query.company, true);
      return exact.length > 0 ? exact : byName(query.name, query.company, false);
    },

    async accountNames() {
      return (await pool.query<{ name: string }>("select name from accounts order by name")).rows.map((r) => r.name);
    },

    async contactsOfAccount(account) {
      const { rows } = await pool.query(
        `select ${CONTACT_COLUMNS} from contacts c join accounts a on a.id = c.account_id
          where lower(a.name) = lower($1) order by ${SENIORITY_ORDER}, c.last_name, c.id limit 10`,
        [account],
      );
      return rows.map(toRecipient);
    },

    async followUpContext(r): Promise<FollowUpContext> {
      const person = r.kind === "contact" ? "d.contact_id = $1" : "d.lead_id = $1";
      const owner = r.kind === "contact" ? "(select account_id from contacts where id = $1)" : "(select account_id from leads where id = $1)";
      const deal = (
        await pool.query(
          `select d.id, d.name, d.stage, d.next_step from deals d
            where d.stage not in ('won', 'lost') and (${person} or d.account_id = ${owner})
            order by (${person}) desc, d.amount desc limit 1`,
          [r.id],
        )
      ).rows[0];
      const activity = (
        await pool.query(
          `select kind, subject, occurred_at from activities
            where ${r.kind === "contact" ? "contact_id" : "lead_id"} = $1 or ($2::text is not null and deal_id = $2)
            order by occurred_at desc limit 1`,
          [r.id, deal?.id ?? null],
        )
      ).rows[0];
      return {
        dealId: deal?.id ?? null,
        dealName: deal?.name ?? null,
        stage: deal?.stage ?? null,
        nextStep: deal?.next_step ?? null,
        lastActivity: activity ? { kind: activity.kind, subject: activity.subject, at: activity.occurred_at } : null,
      };
    },

    async findDeals(query): Promise<DealRef[]> {
      const { rows } = query.id
        ? await pool.query(
            `select d.id, d.name, a.name as account, d.next_step from deals d join accounts a on a.id = d.account_id where d.id = $1`,
            [query.id],
          )
        : await pool.query(
            `select d.id, d.name, a.name as account, d.next_step from deals d join accounts a on a.id = d.account_id
              where d.stage not in ('won', 'lost')
                and (lower(d.name) = lower($1) or lower(a.name) = lower($1)
                     or (not exists (select 1 from deals d2 join accounts a2 on a2.id = d2.account_id
                                      where lower(d2.name) = lower($1) or lower(a2.name) = lower($1))
                         and (lower(d.name) like $2 or lower(a.name) like $2)))
              order by (lower(d.name) = lower($1)) desc, d.amount desc limit 10`,
            [query.name ?? "", `%${(query.name ?? "").toLowerCase()}%`],
          );
      const exactDeal = rows.filter((r) => r.name.toLowerCase() === (query.name ?? "").toLowerCase());
      return (exactDeal.length === 1 ? exactDeal : rows).map((r) => ({ id: r.id, name: r.name, account: r.account, nextStep: r.next_step }));
    },

    async logActivity(input) {
      const id = `act_${randomBytes(6).toString("hex")}`;
      await pool.query(
        `insert into activities (id, kind, direction, account_id, contact_id, lead_id, deal_id, rep_id, subject, occurred_at)
         values ($1, $2, $3,
                 coalesce((select account_id from deals where id = $6), (select account_id from contacts where id = $4), (select account_id from leads where id = $5)),
                 $4, $5, $6, (select id from reps where id = $7 or email = $7 limit 1), $8, $9)`,
        [id, input.kind, input.kind === "note" ? null : "outbound", input.contactId ?? null, input.leadId ?? null, input.dealId ?? null, input.repEmailOrId ?? null, input.subject, input.at],
      );
      if (input.dealId) await pool.query("update deals set last_activity_at = greatest(coalesce(last_activity_at, $2), $2) where id = $1", [input.dealId, input.at]);
      return id;
    },

    async setNextStep(dealId, nextStep) {
      const { rows } = await pool.query(
        `with old as (select id, next_step from deals where id = $1 for update)
         update deals d set next_step = $2 from old where d.id = old.id returning old.next_step as before`,
        [dealId, nextStep],
      );
      if (rows.length === 0) throw new Error(`deal ${dealId} not found`);
      return { before: rows[0].before ?? null };
    },
  };
}
