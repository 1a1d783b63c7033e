-- Marketing engine (issue 16): events and playbook firings, tasks, segment changes, campaigns and their sends.

create table if not exists marketing_events (
  id           text primary key,            -- the idempotency key: a redelivered event is the same row
  type         text not null,
  occurred_at  timestamptz not null,
  contact_id   text,
  account_id   text,
  source       text not null,               -- api, chat, crm, transcript, replay
  data         jsonb not null default '{}'::jsonb,
  received_at  timestamptz not null default now(),
  processed_at timestamptz
);
create index if not exists marketing_events_type on marketing_events (type, occurred_at);

create table if not exists playbook_firings (
  id            bigserial primary key,
  event_id      text not null references marketing_events (id) on delete cascade,
  playbook_id   text not null,
  rule_version  integer not null,
  config_hash   text not null,
  status        text not null check (status in ('fired', 'suppressed', 'done')),
  reason        text,
  contact_id    text,
  actions       jsonb not null default '[]'::jsonb,
  fired_at      timestamptz not null default now(),
  unique (event_id, playbook_id)
);
create index if not exists playbook_firings_contact on playbook_firings (playbook_id, contact_id, fired_at);

create table if not exists marketing_tasks (
  id          text primary key,
  title       text not null,
  kind        text not null default 'task',
  contact_id  text,
  account_id  text,
  assignee    text,
  due_at      timestamptz,
  source      text not null,                -- playbook:<id>@v<version> or campaign:<id>
  status      text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  created_at  timestamptz not null default now()
);

create table if not exists marketing_segment_changes (
  id          text primary key,
  contact_id  text,
  account_id  text,
  segment     text not null,
  source      text not null,
  changed_at  timestamptz not null default now()
);

create table if not exists campaigns (
  id           text primary key,
  name         text not null,
  objective    text not null,
  spec         jsonb not null,
  plan         jsonb,
  status       text not null default 'planned' check (status in ('planned', 'launched', 'completed')),
  created_at   timestamptz not null default now(),
  launched_at  timestamptz
);

-- Every outbound marketing message or rep alert, from a campaign or a playbook: the frequency-cap ledger.
create table if not exists marketing_sends (
  id            text primary key,
  campaign_id   text references campaigns (id) on delete cascade,
  playbook_id   text,
  contact_id    text,
  account_id    text,
  channel       text not null,
  subject       text,
  body          text not null,
  status        text not null check (status in ('pending_approval', 'approved', 'sent', 'rejected', 'suppressed', 'alerted')),
  reason        text,
  scheduled_at  timestamptz not null,
  decided_by    text,
  sent_at       timestamptz,
  created_at    timestamptz not null default now()
);
create index if not exists marketing_sends_contact on marketing_sends (contact_id, scheduled_at);
create index if not exists marketing_sends_campaign on marketing_sends (campaign_id);

-- What happened after a send: opened, clicked, replied, meeting, converted (for cross-channel attribution).
create table if not exists campaign_touches (
  id           bigserial primary key,
  campaign_id  text not null references campaigns (id) on delete cascade,
  send_id      text references marketing_sends (id) on delete set null,
  contact_id   text,
  channel      text not null,
  kind         text not null,
  at           timestamptz not null,
  unique (campaign_id, contact_id, channel, kind, at)
);
