import type { BaseStore } from "@langchain/langgraph";

/** What a rep or manager told the assistant about themselves; used in any later conversation, on any channel. */
export interface UserPreferences {
  /** The name to address them by ("call me Sam"). */
  name?: string;
  /** Their region as they named it ("EMEA"); the pipeline tool resolves it to the CRM's spelling. */
  region?: string;
  /** Accounts they own, as they named them. */
  accounts?: string[];
  /** The segment they cover ("mid-market"). */
  segment?: string;
  answerStyle?: "short" | "detailed";
}

/** A change to the stored preferences: set fields, add or remove accounts, or forget everything. */
export interface PreferenceChange {
  set?: Omit<UserPreferences, "accounts">;
  /** Replaces the account list ("my accounts are Globex and Initech"). */
  accounts?: string[];
  addAccounts?: string[];
  removeAccounts?: string[];
  forget?: boolean;
}

/**
 * Where a user's preferences live in the Store: namespace ["users", tenant], key = their verified channel
 * identity. The id is the key, not a namespace label, because ids hold colons ("slack:T1:U1"), which the
 * Store does not allow in labels.
 */
export const userNamespace = (tenant: string) => ["users", tenant];

export async function readPreferences(store: BaseStore, tenant: string, actorId: string): Promise<UserPreferences> {
  const item = await store.get(userNamespace(tenant), actorId);
  return (item?.value as UserPreferences | undefined) ?? {};
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The preferences after a change (pure). */
export function applyPreferenceChange(current: UserPreferences, change: PreferenceChange): UserPreferences {
  if (change.forget) return {};
  const next: UserPreferences = { ...current, ...definedOnly(change.set ?? {}) };
  let accounts = change.accounts ? [...change.accounts] : [...(current.accounts ?? [])];
  for (const add of change.addAccounts ?? []) if (!accounts.some((a) => sameName(a, add))) accounts.push(add);
  accounts = accounts.filter((a) => !(change.removeAccounts ?? []).some((r) => sameName(a, r)));
  if (accounts.length > 0) next.accounts = accounts;
  else delete next.accounts;
  return next;
}

/** Applies the change to the stored preferences and returns what is stored now. */
export async function updatePreferences(store: BaseStore, tenant: string, actorId: string, change: PreferenceChange): Promise<UserPreferences> {
  const next = applyPreferenceChange(await readPreferences(store, tenant, actorId), change);
  await store.put(userNamespace(tenant), actorId, next as Record<string, unknown>);
  return next;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}
