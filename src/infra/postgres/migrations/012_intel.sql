-- Competitive intelligence: the sources watched per competitor, what each fetch saw (a snapshot per distinct
-- content, identified by its hash), the changes detected between consecutive snapshots, and every version of
-- each battlecard as it was edited in the knowledge base. Changes cite their snapshot, so a digest's claims can
-- be traced to what the competitor's page said at the time.

-- 003 created placeholder intel_sources/intel_snapshots that nothing ever wrote; they are replaced here.
drop table if exists intel_snapshots;
drop table if exists intel_sources;

create table intel_sources (
  id              text primary key,
  competitor      text not null,
  url             text not null,
  kind            text not null check (kind in ('page', 'feed', 'file')),
  origin          text not null default 'cli' check (origin in ('cli', 'config')),
  etag            text,
  last_modified   text,
  last_checked_at timestamptz,
  last_status     text,
  last_error      text,
  created_at      timestamptz not null default now(),
  unique (competitor, url)
);

create table intel_snapshots (
  id            bigserial primary key,
  source_id     text not null references intel_sources (id) on delete cascade,
  fetched_at    timestamptz not null,
  content_hash  text not null,
  text          text not null,
  items         jsonb not null default '[]',
  http_status   integer
);
create index intel_snapshots_latest on intel_snapshots (source_id, id desc);

create table intel_changes (
  id                    bigserial primary key,
  source_id             text not null references intel_sources (id) on delete cascade,
  competitor            text not null,
  snapshot_id           bigint not null references intel_snapshots (id) on delete cascade,
  previous_snapshot_id  bigint references intel_snapshots (id) on delete set null,
  kind                  text not null,
  summary               text not null,
  detail                jsonb not null default '{}',
  link                  text not null,
  detected_at           timestamptz not null
);
create index intel_changes_recent on intel_changes (detected_at desc);

create table intel_battlecards (
  competitor    text not null,
  version       integer not null,
  markdown      text not null,
  content_hash  text not null,
  source        text not null,
  created_at    timestamptz not null default now(),
  primary key (competitor, version)
);
