-- Demo booking: when reps take meetings, the meetings booked, and the slots last offered in a conversation.

-- Weekly working windows in the rep's own time zone (reps.timezone). A rep with no rows works 9-17 Mon-Fri.
create table rep_availability (
  rep_id        text not null references reps (id) on delete cascade,
  weekday       smallint not null check (weekday between 1 and 7),
  start_minute  integer not null check (start_minute between 0 and 1439),
  end_minute    integer not null check (end_minute between 1 and 1440),
  primary key (rep_id, weekday, start_minute),
  check (end_minute > start_minute)
);

create table meetings (
  id               text primary key,
  rep_id           text not null references reps (id),
  lead_id          text references leads (id),
  conversation_id  text not null,
  kind             text not null default 'demo' check (kind in ('demo', 'call')),
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  status           text not null default 'booked' check (status in ('booked', 'cancelled')),
  created_at       timestamptz not null default now(),
  -- the database, not the application, makes a double booking impossible
  unique (rep_id, starts_at),
  check (ends_at > starts_at)
);
create index meetings_conversation on meetings (conversation_id);

create table demo_offers (
  conversation_id  text primary key,
  time_zone        text not null,
  slots            jsonb not null,
  offered_at       timestamptz not null default now()
);

-- the conversation a chat lead came from, so a prospect's tool calls only ever touch their own lead
alter table leads add column conversation_id text;
create unique index leads_conversation on leads (conversation_id) where conversation_id is not null;
