-- Content experiments: three generated variants per experiment (content_variants, created in 003 and extended
-- here), and the outcome events recorded against them. content_events is keyed by the sender's event id, so a
-- retried webhook or CLI call records nothing twice.

create table experiments (
  id           text primary key,
  name         text not null,
  segment      text not null,
  channel      text not null check (channel in ('email', 'subject', 'sms', 'linkedin', 'ad', 'follow_up')),
  objective    text not null,
  metric       text not null check (metric in ('open', 'click', 'conversion')),
  min_sample   integer not null check (min_sample > 0),
  status       text not null default 'running' check (status in ('running', 'stopped')),
  created_by   text not null,
  created_at   timestamptz not null default now()
);

alter table content_variants
  add column experiment_id text references experiments (id) on delete cascade,
  add column angle text check (angle in ('value', 'proof', 'urgency', 'question')),
  add column subject text,
  add column details jsonb not null default '{}',
  add column predicted jsonb not null default '[]',
  add column sources jsonb not null default '[]';
create index content_variants_experiment on content_variants (experiment_id, variant);

create table content_events (
  event_id     text primary key,
  variant_id   text not null references content_variants (id) on delete cascade,
  type         text not null check (type in ('sent', 'delivered', 'opened', 'clicked', 'converted', 'unsubscribed')),
  recipient    text,
  occurred_at  timestamptz not null,
  recorded_at  timestamptz not null default now()
);
create index content_events_variant on content_events (variant_id, type);
