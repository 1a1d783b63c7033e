-- CRM core: the seller's team and catalogue, their accounts, contacts, leads and deals.

create table reps (
  id            text primary key,
  name          text not null,
  email         text not null unique,
  role          text not null check (role in ('rep', 'manager')),
  manager_id    text references reps (id),
  region        text not null,
  timezone      text not null default 'UTC',
  quota         numeric(14, 2) not null default 0,
  hired_at      date,
  created_at    timestamptz not null default now()
);

create table products (
  id            text primary key,
  name          text not null unique,
  series        text not null,
  list_price    numeric(14, 2) not null check (list_price >= 0),
  billing       text not null default 'annual',
  description   text not null default ''
);

create table accounts (
  id              text primary key,
  name            text not null unique,
  sector          text not null,
  employees       integer check (employees >= 0),
  revenue_musd    numeric(14, 2),
  region          text not null,
  country         text,
  year_established integer,
  subsidiary_of   text,
  website         text,
  owner_rep_id    text references reps (id),
  created_at      timestamptz not null default now()
);
create index accounts_name_lower on accounts (lower(name));

create table contacts (
  id            text primary key,
  account_id    text references accounts (id),
  first_name    text not null,
  last_name     text not null,
  email         text unique,
  phone         text,
  title         text,
  seniority     text,
  timezone      text,
  created_at    timestamptz not null default now()
);
create index contacts_account on contacts (account_id);
create index contacts_phone on contacts (phone);

create table leads (
  id               text primary key,
  contact_id       text references contacts (id),
  account_id       text references accounts (id),
  owner_rep_id     text references reps (id),
  status           text not null default 'new'
                   check (status in ('new', 'working', 'qualified', 'converted', 'disqualified')),
  source           text not null,
  -- contact and qualification slots (BANT), as captured in conversations or imported
  name             text,
  email            text,
  phone            text,
  company          text,
  job_role         text,
  industry         text,
  company_size     integer,
  country          text,
  budget           text,
  authority        text,
  need             text,
  timeline         text,
  -- behaviour
  visits           integer not null default 0,
  page_views       integer not null default 0,
  minutes_on_site  numeric(10, 2) not null default 0,
  email_opens      integer not null default 0,
  email_clicks     integer not null default 0,
  content_downloads integer not null default 0,
  webinar_attended boolean not null default false,
  demo_requested   boolean not null default false,
  last_activity_at timestamptz,
  -- outcome and model output
  converted        boolean,
  converted_at     timestamptz,
  probability      double precision check (probability between 0 and 1),
  lead_score       integer check (lead_score between 0 and 100),
  scored_at        timestamptz,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index leads_email on leads (lower(email));
create index leads_status on leads (status);

create table deals (
  id                  text primary key,
  name                text not null,
  account_id          text not null references accounts (id),
  contact_id          text references contacts (id),
  owner_rep_id        text not null references reps (id),
  product_id          text not null references products (id),
  lead_id             text references leads (id),
  stage               text not null
                      check (stage in ('prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost')),
  amount              numeric(14, 2) not null check (amount >= 0),
  close_value         numeric(14, 2),
  engaged_at          timestamptz not null,
  stage_entered_at    timestamptz not null,
  expected_close_date date,
  closed_at           timestamptz,
  lost_reason         text,
  next_step           text,
  last_activity_at    timestamptz,
  created_at          timestamptz not null default now()
);
create index deals_account on deals (account_id);
create index deals_owner on deals (owner_rep_id);
create index deals_stage on deals (stage);

create table deal_stage_history (
  id          bigserial primary key,
  deal_id     text not null references deals (id) on delete cascade,
  stage       text not null,
  entered_at  timestamptz not null,
  exited_at   timestamptz
);
create index deal_stage_history_deal on deal_stage_history (deal_id, entered_at);

create table activities (
  id           text primary key,
  kind         text not null check (kind in ('email', 'call', 'meeting', 'demo', 'note', 'chat', 'sms', 'webinar')),
  direction    text check (direction in ('inbound', 'outbound')),
  account_id   text references accounts (id),
  contact_id   text references contacts (id),
  lead_id      text references leads (id),
  deal_id      text references deals (id) on delete cascade,
  rep_id       text references reps (id),
  subject      text not null default '',
  outcome      text,
  occurred_at  timestamptz not null
);
create index activities_deal on activities (deal_id, occurred_at);
create index activities_account on activities (account_id, occurred_at);
create index activities_lead on activities (lead_id);
