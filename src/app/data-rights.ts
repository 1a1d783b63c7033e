import type { BaseStore } from "@langchain/langgraph";
import { identifierKey, parsePersonIdentifier, type ErasureReport, type PersonIdentifier } from "../core/data-rights.js";
import type { DataRightsRepo } from "../infra/postgres/data-rights-repo.js";

/** Where the graph keeps what it remembers of a contact (agents/sales-assistant/dialogue/memory.ts). */
const CONTACTS_NAMESPACE = "contacts";

/**
 * `contacts export` and `contacts forget`: the database records (one transaction, tombstones) and the
 * LangGraph Store, whose contact memory is keyed `email:…`/`phone:…` per tenant. An item found under one key
 * names the person's other address or number, which is erased too.
 */
export function createDataRights(deps: { repo: DataRightsRepo; store: BaseStore }) {
  async function memoryOf(identifiers: readonly PersonIdentifier[]) {
    const items: { namespace: string[]; key: string; value: Record<string, unknown> }[] = [];
    const keys = new Set(identifiers.map(identifierKey));
    const namespaces = await deps.store.listNamespaces({ prefix: [CONTACTS_NAMESPACE], limit: 1000 });
    for (const namespace of namespaces) {
      const pending = [...keys];
      const seen = new Set<string>();
      while (pending.length > 0) {
        const key = pending.pop()!;
        if (seen.has(key)) continue;
        seen.add(key);
        const item = await deps.store.get(namespace, key);
        if (!item) continue;
        items.push({ namespace, key, value: item.value });
        const profile = (item.value as { profile?: { email?: string; phone?: string } }).profile ?? {};
        if (profile.email) pending.push(`email:${profile.email.toLowerCase()}`);
        if (profile.phone) pending.push(`phone:${profile.phone}`);
      }
    }
    return items;
  }

  return {
    async export(raw: string) {
      const person = parsePersonIdentifier(raw);
      const records = await deps.repo.export(person);
      const identifiers = records.identifiers.map((key) => parsePersonIdentifier(key.slice(key.indexOf(":") + 1)));
      return { requested: identifierKey(person), ...records, memory: await memoryOf(identifiers) };
    },

    async forget(raw: string): Promise<{ identifiers: string[]; report: ErasureReport }> {
      const person = parsePersonIdentifier(raw);
      const { report, identifiers } = await deps.repo.forget(person);
      const memory = await memoryOf(identifiers);
      for (const item of memory) await deps.store.delete(item.namespace, item.key);
      report["memory items"] = memory.length;
      return { identifiers: identifiers.map(identifierKey), report };
    },
  };
}
