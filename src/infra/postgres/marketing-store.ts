import type pg from "pg";
import type { CampaignRecord, CampaignTouch, FiringRecord, MarketingStore, SendRecord, StoredEvent } from "../../core/marketing-store.js";

function firing(r: any): FiringRecord {
  return {
    eventId: r.event_id,
    playbookId: r.playbook_id,
    ruleVersion: r.rule_version,
    configHash: r.config_hash,
    status: r.status,
    reason: r.reason ?? null,
    contactId: r.contact_id ?? null,
    actions: r.actions ?? [],
    firedAt: new Date(r.fired_at),
  };
}

function send(r: any): SendRecord {
  return {
    id: r.id,
    campaignId: r.campaign_id ?? null,
    playbookId: r.playbook_id ?? null,
    contactId: r.contact_id ?? null,
    accountId: r.account_id ?? null,
    channel: r.channel,
    subject: r.subject ?? null,
    body: r.body,
    status: r.status,
    reason: r.reason ?? null,
    scheduledAt: new Date(r.scheduled_at),
    decidedBy: r.decided_by ?? null,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
  };
}

function campaign(r: any): CampaignRecord {
  return {
    id: r.id,
    name: r.name,
    objective: r.objective,
    spec: r.spec,
    plan: r.plan ?? null,
    status: r.status,
    createdAt: new Date(r.created_at),
    launchedAt: r.launched_at ? new Date(r.launched_at) : null,
  };
}

/** The marketing engine's writes (src/core/marketing-store.ts): idempotent by id, unique keys as the guard. */
export function createMarketingStore(pool: pg.Pool): MarketingStore {
  return {
    async recordEvent(e: StoredEvent) {
      const { rowCount } = await pool.query(
        `insert into marketing_events (id, type, occurred_at, contact_id, account_id, source, data)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing`,
        [e.id, e.type, e.occurredAt, e.contactId ?? null, e.accountId ?? null, e.source, JSON.stringify(e.data)],
      );
      return { inserted: rowCount === 1 };
    },
    async event(id) {
      const { rows } = await pool.query(`select * from marketing_events where id = $1`, [id]);
      const r = rows[0];
      return r
        ? { id: r.id, type: r.type, occurredAt: new Date(r.occurred_at), contactId: r.contact_id ?? undefined, accountId: r.account_id ?? undefined, data: r.data ?? {}, source: r.source, ...(r.processed_at ? { processedAt: new Date(r.processed_at) } : {}) }
        : undefined;
    },
    async markProcessed(id, at) {
      await pool.query(`update marketing_events set processed_at = coalesce(processed_at, $2) where id = $1`, [id, at]);
    },
    async claimFiring(f, at) {
      const inserted = await pool.query(
        `insert into playbook_firings (event_id, playbook_id, rule_version, config_hash, status, reason, contact_id, actions, fired_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (event_id, playbook_id) do nothing returning status`,
        [f.eventId, f.playbookId, f.ruleVersion, f.configHash, f.status, f.reason, f.contactId, JSON.stringify(f.actions), at],
      );
      if (inserted.rows[0]) return { claimed: true, status: inserted.rows[0].status };
      const { rows } = await pool.query(`select status from playbook_firings where event_id = $1 and playbook_id = $2`, [f.eventId, f.playbookId]);
      return { claimed: false, status: rows[0].status };
    },
    async completeFiring(eventId, playbookId) {
      await pool.query(`update playbook_firings set status = 'done' where event_id = $1 and playbook_id = $2 and status = 'fired'`, [eventId, playbookId]);
    },
    async countFirings(playbookId, contactId, since, exceptEventId) {
      const { rows } = await pool.query(
        `select count(*)::int as n from playbook_firings f join marketing_events e on e.id = f.event_id
          where f.playbook_id = $1 and f.contact_id = $2 and e.occurred_at >= $3 and f.event_id <> $4 and f.status in ('fired', 'done')`,
        [playbookId, contactId, since, exceptEventId],
      );
      return rows[0].n;
    },
    async firings(filter = {}) {
      const { rows } = await pool.query(
        `select * from playbook_firings where ($1::text is null or playbook_id = $1) order by fired_at, id`,
        [filter.playbookId ?? null],
      );
      return rows.map(firing);
    },
    async createTask(t) {
      await pool.query(
        `insert into marketing_tasks (id, title, contact_id, account_id, assignee, due_at, source) values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing`,
        [t.id, t.title, t.contactId ?? null, t.accountId ?? null, t.assignee ?? null, t.dueAt ?? null, t.source],
      );
    },
    async changeSegment(c) {
      await pool.query(
        `insert into marketing_segment_changes (id, contact_id, account_id, segment, source, changed_at) values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing`,
        [c.id, c.contactId ?? null, c.accountId ?? null, c.segment, c.source, c.at],
      );
    },
    async recordSend(s) {
      await pool.query(
        `insert into marketing_sends (id, campaign_id, playbook_id, contact_id, account_id, channel, subject, body, status, reason, scheduled_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (id) do nothing`,
        [s.id, s.campaignId, s.playbookId, s.contactId, s.accountId, s.channel, s.subject, s.body, s.status, s.reason, s.scheduledAt],
      );
      const { rows } = await pool.query(`select * from marketing_sends where id = $1`, [s.id]);
      return send(rows[0]);
    },
    async send(id) {
      const { rows } = await pool.query(`select * from marketing_sends where id = $1`, [id]);
      return rows[0] ? send(rows[0]) : undefined;
    },
    async updateSend(id, change) {
      await pool.query(
        `update marketing_sends set status = $2, decided_by = coalesce($3, decided_by), sent_at = coalesce($4, sent_at),
                body = coalesce($5, body), subject = case when $6::boolean then $7 else subject end where id = $1`,
        [id, change.status, change.decidedBy ?? null, change.sentAt ?? null, change.body ?? null, change.subject !== undefined, change.subject ?? null],
      );
    },
    async sendsToContact(contactId, from, to) {
      const { rows } = await pool.query(
        `select count(*)::int as n from marketing_sends
          where contact_id = $1 and scheduled_at >= $2 and scheduled_at < $3 and channel in ('email', 'sms') and status not in ('suppressed', 'rejected')`,
        [contactId, from, to],
      );
      return rows[0].n;
    },
    async sends(filter) {
      const { rows } = await pool.query(
        `select * from marketing_sends where ($1::text is null or campaign_id = $1) and ($2::text is null or status = $2) order by scheduled_at, id`,
        [filter.campaignId ?? null, filter.status ?? null],
      );
      return rows.map(send);
    },
    async saveCampaign(c) {
      await pool.query(
        `insert into campaigns (id, name, objective, spec, plan, status) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set name = excluded.name, objective = excluded.objective, spec = excluded.spec, plan = excluded.plan
         where campaigns.status = 'planned'`,
        [c.id, c.name, c.objective, JSON.stringify(c.spec), c.plan ? JSON.stringify(c.plan) : null, c.status],
      );
    },
    async campaign(id) {
      const { rows } = await pool.query(`select * from campaigns where id = $1`, [id]);
      return rows[0] ? campaign(rows[0]) : undefined;
    },
    async markLaunched(id, at) {
      const { rowCount } = await pool.query(`update campaigns set status = 'launched', launched_at = $2 where id = $1 and status = 'planned'`, [id, at]);
      return rowCount === 1;
    },
    async addCampaignTouch(t: CampaignTouch) {
      await pool.query(
        `insert into campaign_touches (campaign_id, send_id, contact_id, channel, kind, at) values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
        [t.campaignId, t.sendId, t.contactId, t.channel, t.kind, t.at],
      );
    },
    async campaignTouches(campaignId) {
      const { rows } = await pool.query(`select * from campaign_touches where campaign_id = $1 order by at, id`, [campaignId]);
      return rows.map((r) => ({ campaignId: r.campaign_id, sendId: r.send_id ?? null, contactId: r.contact_id ?? null, channel: r.channel, kind: r.kind, at: new Date(r.at) }));
    },
  };
}
