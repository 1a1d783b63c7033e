-- Knowledge base: each chunk keeps its embedding (little-endian float32) and the id of the embedder that
-- made it, so the vector index can be rebuilt from the database without embedding again; one state row
-- whose version every ingest bumps, so other processes notice and reload their indexes.

alter table kb_chunks add column embedding bytea;
alter table kb_chunks add column embedder text;

create table kb_state (
  id          smallint primary key default 1 check (id = 1),
  version     bigint not null default 0,
  -- tells index files of one database from those of another that shares the data directory
  instance    text not null default replace(gen_random_uuid()::text, '-', ''),
  updated_at  timestamptz not null default now()
);
insert into kb_state (id) values (1);
