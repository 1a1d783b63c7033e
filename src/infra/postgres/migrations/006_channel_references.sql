-- Where proactive messages can reach an internal user (Teams conversation references), shared by every
-- process: a notification sent by any instance, or after a restart, finds the reference saved earlier.
create table channel_references (
  channel     text not null,
  user_id     text not null,
  reference   jsonb not null,
  updated_at  timestamptz not null default now(),
  primary key (channel, user_id)
);
