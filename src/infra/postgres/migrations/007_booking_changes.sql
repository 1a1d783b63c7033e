-- Demo booking, part 3: a meeting keeps the prospect's time zone and its calendar identity (one UID for the
-- life of the event, SEQUENCE bumped on every change), and can be moved or cancelled.

alter table meetings add column time_zone text not null default 'UTC';
alter table meetings add column ics_uid text;
alter table meetings add column ics_sequence integer not null default 0 check (ics_sequence >= 0);
-- a rescheduled meeting is a new row that points at the one it replaced (which is then cancelled)
alter table meetings add column replaces_id text references meetings (id);
alter table meetings add column cancelled_at timestamptz;
update meetings set ics_uid = id || '@salesgraph' where ics_uid is null;
alter table meetings alter column ics_uid set not null;

-- Only a booked meeting holds its slot: a cancelled or moved demo frees the time for someone else. The
-- database still makes a double booking impossible.
alter table meetings drop constraint meetings_rep_id_starts_at_key;
create unique index meetings_booked_slot on meetings (rep_id, starts_at) where status = 'booked';
create index meetings_lead on meetings (lead_id) where status = 'booked';

-- how the pending offer relates to what the prospect asked for (exact, window, nearest, any)
alter table demo_offers add column matched text not null default 'any';
