-- Data rights: a person erased with `salesgraph contacts forget` leaves only a tombstone, the SHA-256 of their
-- normalised identifier ('email:jane@x.com', 'phone:+14155550134'), so that nothing brings them back: the
-- triggers below apply to every writer (CRM import, demo seed, lead capture), present and future.

create table erased_identities (
  hash       text primary key,
  kind       text not null check (kind in ('email', 'phone')),
  erased_at  timestamptz not null default now()
);

create function identity_hash(kind text, value text) returns text language sql immutable as $$
  select case
    when value is null or btrim(value) = '' then null
    when kind = 'email' then encode(sha256(convert_to('email:' || lower(btrim(value)), 'UTF8')), 'hex')
    else encode(sha256(convert_to('phone:' || regexp_replace(value, '[^0-9+]', '', 'g'), 'UTF8')), 'hex')
  end
$$;

create function is_erased(email text, phone text) returns boolean language sql stable as $$
  select exists (
    select 1 from erased_identities
     where hash in (identity_hash('email', email), identity_hash('phone', phone)))
$$;

-- An erased person's contact row is not written again.
create function contacts_skip_erased() returns trigger language plpgsql as $$
begin
  if is_erased(new.email, new.phone) then return null; end if;
  return new;
end;
$$;
create trigger contacts_skip_erased before insert or update on contacts
  for each row execute function contacts_skip_erased();

-- A lead keeps its row (meetings and deals may point at it) but not the erased person's name, email or phone.
create function leads_strip_erased() returns trigger language plpgsql as $$
begin
  if is_erased(new.email, new.phone) then
    new.name := null; new.email := null; new.phone := null; new.contact_id := null;
  end if;
  return new;
end;
$$;
create trigger leads_strip_erased before insert or update on leads
  for each row execute function leads_strip_erased();

-- Rows in any other table that name an erased contact or lead by id (marketing sends, playbook firings…,
-- including tables added later): deleted. Deals keep their row (they belong to the account) and lose the
-- link before this runs; contacts, leads and conversations are deleted by the caller.
create function erase_rows_referencing(col text, ids text[]) returns integer language plpgsql as $$
declare
  t record;
  n integer;
  total integer := 0;
begin
  for t in
    select c.table_name from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
     where c.table_schema = current_schema() and c.column_name = col and tb.table_type = 'BASE TABLE'
       and c.table_name not in ('contacts', 'leads', 'deals', 'conversations')
  loop
    execute format('delete from %I where %I = any($1)', t.table_name, col) using ids;
    get diagnostics n = row_count;
    total := total + n;
  end loop;
  return total;
end;
$$;
