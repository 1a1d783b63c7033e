-- Token buckets shared by every process (chat, stream and webhook budgets).
create table if not exists rate_limits (
  key text primary key,
  tokens double precision not null,
  updated_ms double precision not null,
  refusals integer not null default 0
);
create index if not exists rate_limits_updated_idx on rate_limits (updated_ms);

-- Who read or acted on operator data (hand-off listings hold visitors' names, emails, phones and messages).
create table if not exists operator_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  target text,
  client_ip text,
  items integer
);
create index if not exists operator_audit_at_idx on operator_audit (at);

-- Which visitor (a keyed hash of the client address, or the sender for SMS) opened a conversation, so open
-- hand-offs can be capped per visitor across conversations.
alter table conversations add column if not exists visitor_key text;
create index if not exists conversations_visitor_idx on conversations (visitor_key) where visitor_key is not null;
create index if not exists handoffs_created_idx on handoffs (created_at);
