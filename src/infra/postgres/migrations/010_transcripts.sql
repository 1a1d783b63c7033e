-- Call intelligence: where a transcript came from, its format, and the CRM activity it was logged as.
alter table transcripts add column if not exists source text not null default 'api';
alter table transcripts add column if not exists format text;
alter table transcripts add column if not exists activity_id text references activities (id) on delete set null;
create index if not exists transcripts_deal on transcripts (deal_id, created_at);
create index if not exists transcripts_account on transcripts (account_id, created_at);
