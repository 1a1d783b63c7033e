-- Artefacts of the skills: models, segments, transcripts, intel, content, knowledge base.

create table models (
  id          text primary key,
  kind        text not null,
  name        text not null,
  artefact    jsonb not null,
  metrics     jsonb not null default '{}'::jsonb,
  trained_at  timestamptz not null default now(),
  active      boolean not null default true
);
create index models_kind_active on models (kind, active, trained_at desc);

create table segments (
  id          text primary key,
  run_id      text not null,
  label       text not null,
  profile     jsonb not null,
  created_at  timestamptz not null default now()
);

create table segment_memberships (
  account_id  text not null references accounts (id) on delete cascade,
  segment_id  text not null references segments (id) on delete cascade,
  run_id      text not null,
  distance    double precision,
  assigned_at timestamptz not null default now(),
  primary key (account_id, run_id)
);

create table transcripts (
  id          text primary key,
  deal_id     text references deals (id),
  account_id  text references accounts (id),
  rep_id      text references reps (id),
  title       text not null,
  body        text not null,
  analysis    jsonb,
  created_at  timestamptz not null default now()
);

create table intel_sources (
  id          text primary key,
  competitor  text not null,
  url         text,
  kind        text not null,
  audience    text not null default 'internal' check (audience in ('public', 'internal'))
);

create table intel_snapshots (
  id          bigserial primary key,
  source_id   text not null references intel_sources (id) on delete cascade,
  content     text not null,
  content_hash text not null,
  fetched_at  timestamptz not null default now()
);

create table content_variants (
  id               text primary key,
  campaign         text not null,
  channel          text not null,
  variant          text not null,
  body             text not null,
  predicted_score  double precision,
  status           text not null default 'draft',
  created_at       timestamptz not null default now()
);

create table kb_documents (
  id            text primary key,
  source_path   text not null unique,
  title         text not null,
  audience      text not null check (audience in ('public', 'internal')),
  tags          text[] not null default '{}',
  content_hash  text not null,
  updated_at    timestamptz not null default now()
);

create table kb_chunks (
  id            bigserial primary key,
  document_id   text not null references kb_documents (id) on delete cascade,
  ord           integer not null,
  heading       text not null default '',
  body          text not null,
  audience      text not null check (audience in ('public', 'internal')),
  unique (document_id, ord)
);
