-- The models registry (issue 13): which data a model was trained on, and which model of a kind is in use.
-- A promotion is a row; the newest promotion of a kind names the model in use; rollback removes it, so the
-- model promoted before comes back. A kind never promoted uses its newest active model, as before.
alter table models add column if not exists data_hash text;

create table model_promotions (
  id          bigserial primary key,
  kind        text not null,
  model_id    text not null references models (id) on delete cascade,
  promoted_at timestamptz not null default now()
);
create index model_promotions_kind on model_promotions (kind, id desc);
