import type { BaseStore } from "@langchain/langgraph";
import type { Actor, Channel } from "../../../src/core/domain.js";
import type { LeadProfile, ProfileSlot } from "../state.js";

/** What we remember about a contact across conversations and channels. */
export interface ContactMemory {
  profile: LeadProfile;
  declined: ProfileSlot[];
}

/** Store keys for a contact: their email and phone, whichever are known (an SMS sender's number always is). */
export function contactKeys(profile: LeadProfile, actor: Actor, channel: Channel): string[] {
  const keys: string[] = [];
  if (profile.email) keys.push(`email:${profile.email.toLowerCase()}`);
  const phone = profile.phone ?? (channel === "sms" && actor.id.startsWith("+") ? actor.id : undefined);
  if (phone) keys.push(`phone:${phone}`);
  return keys;
}

const namespace = (tenant: string) => ["contacts", tenant];

/** Everything remembered under any of the keys, the most recent value of a slot winning. */
export async function recallContact(store: BaseStore, tenant: string, keys: readonly string[]): Promise<ContactMemory | undefined> {
  const items = (await Promise.all(keys.map((key) => store.get(namespace(tenant), key)))).filter((item) => item !== null);
  if (items.length === 0) return undefined;
  items.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
  const profile: LeadProfile = {};
  const declined = new Set<ProfileSlot>();
  for (const item of items) {
    const value = item.value as Partial<ContactMemory>;
    Object.assign(profile, value.profile ?? {});
    for (const slot of value.declined ?? []) declined.add(slot);
  }
  return { profile, declined: [...declined] };
}

/** Saves the contact under each of its keys, so either one finds it next time. */
export async function rememberContact(store: BaseStore, tenant: string, keys: readonly string[], memory: ContactMemory): Promise<void> {
  const { consent: _consent, ...profile } = memory.profile;
  await Promise.all(keys.map((key) => store.put(namespace(tenant), key, { profile, declined: memory.declined })));
}
