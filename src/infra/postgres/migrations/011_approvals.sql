-- Approvals: an action that reaches a prospect or writes to the CRM waits here while its graph is paused at
-- interrupt(). Any process may decide it: the decision claims the row (status 'pending' → the decision) in one
-- update, so exactly one process resumes the graph. approval_audit is append-only: who did what, when, with
-- the action as requested (before) and as it was carried out (after; null when rejected).

create table approvals (
  id             text primary key,
  thread_id      text not null,
  interrupt_id   text not null,
  action         text not null,
  summary        text not null,
  payload        jsonb not null,
  status         text not null default 'pending'
                 check (status in ('pending', 'approved', 'edited', 'rejected')),
  requested_by   text not null,
  channel        text not null,
  conversation   text not null,
  decided_by     text,
  decided_at     timestamptz,
  before         jsonb not null,
  after          jsonb,
  resumed_at     timestamptz,
  outcome        text,
  slack_channel  text,
  slack_ts       text,
  created_at     timestamptz not null default now(),
  unique (thread_id, interrupt_id)
);
create index approvals_pending on approvals (created_at) where status = 'pending';
create index approvals_thread_open on approvals (thread_id) where resumed_at is null;
-- The Slack thread edited text is read from: the request post's own, or the requesting thread it was posted in.
create index approvals_slack_thread on approvals (slack_channel, slack_ts) where slack_ts is not null;

create sequence approval_numbers;

create table approval_audit (
  id           bigserial primary key,
  approval_id  text not null references approvals (id),
  event        text not null check (event in ('requested', 'approved', 'edited', 'rejected', 'completed')),
  actor        text not null,
  at           timestamptz not null default now(),
  action       text not null,
  before       jsonb,
  after        jsonb,
  detail       text
);
create index approval_audit_approval on approval_audit (approval_id, id);

-- Append-only: the audit trail cannot be rewritten.
create function approval_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'approval_audit is append-only';
end;
$$;
create trigger approval_audit_no_change before update or delete on approval_audit
  for each row execute function approval_audit_append_only();
