-- The human inbox: a person can hold a conversation (the assistant stays silent), people's messages are part
-- of the conversation log, a hand-off knows the Slack thread it was posted in, and details a prospect adds
-- after asking for a person are notes on the open hand-off rather than new tickets.

alter table conversations
  add column held_by       text,
  add column held_by_name  text,
  add column held_since    timestamptz;

alter table messages drop constraint if exists messages_sender_check;
alter table messages add constraint messages_sender_check check (sender in ('user', 'assistant', 'agent'));
-- The person's display name for sender 'agent'.
alter table messages add column author text;

alter table handoffs
  add column slack_channel  text,
  add column slack_ts       text,
  add column claimed_by     text,
  add column claimed_at     timestamptz;
create unique index handoffs_slack_thread on handoffs (slack_channel, slack_ts) where slack_ts is not null;
create index handoffs_conversation_active on handoffs (conversation_id) where status in ('open', 'claimed');

create table handoff_notes (
  id          bigserial primary key,
  handoff_id  text not null references handoffs (id) on delete cascade,
  text        text not null,
  created_at  timestamptz not null default now()
);
create index handoff_notes_handoff on handoff_notes (handoff_id, id);
