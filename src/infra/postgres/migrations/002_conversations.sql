-- Conversations across channels, consent, hand-offs and inbound-event de-duplication.

create table conversations (
  id            text primary key,
  channel       text not null,
  external_id   text not null,
  tenant        text not null,
  actor_id      text not null,
  actor_role    text not null check (actor_role in ('prospect', 'rep', 'manager')),
  contact_id    text references contacts (id),
  lead_id       text references leads (id),
  last_intent   text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (channel, external_id)
);

create table messages (
  id               bigserial primary key,
  conversation_id  text not null references conversations (id) on delete cascade,
  sender           text not null check (sender in ('user', 'assistant')),
  text             text not null,
  intent           text,
  created_at       timestamptz not null default now()
);
create index messages_conversation on messages (conversation_id, id);

-- Consent is per contact when the contact is known, else per channel identity (phone, web visitor).
create table consents (
  id           bigserial primary key,
  channel      text not null,
  identity     text not null,
  contact_id   text references contacts (id),
  status       text not null check (status in ('granted', 'withdrawn')),
  source       text not null,
  updated_at   timestamptz not null default now(),
  unique (channel, identity)
);
create index consents_contact on consents (contact_id);

create table handoffs (
  id               text primary key,
  conversation_id  text not null references conversations (id) on delete cascade,
  kind             text not null check (kind in ('support', 'human', 'hot_lead')),
  status           text not null default 'open' check (status in ('open', 'claimed', 'closed')),
  summary          text not null,
  reason           text,
  assigned_rep_id  text references reps (id),
  created_at       timestamptz not null default now(),
  closed_at        timestamptz
);
create index handoffs_open on handoffs (status, created_at);

create table inbound_events (
  source        text not null,
  event_id      text not null,
  received_at   timestamptz not null default now(),
  primary key (source, event_id)
);
