import type { DealRef, OutreachCrm, OutreachRecipient } from "../../src/core/outreach.js";

export type Resolved =
  | { status: "found"; recipient: OutreachRecipient }
  | { status: "not_found"; detail: string }
  | { status: "ambiguous"; detail: string; candidates: { id: string; name: string; company: string | null }[] };

/** One CRM person for an id or a name; several matches are returned for the caller to choose from. */
export async function resolveRecipient(crm: OutreachCrm, ref: { id?: string; name?: string; company?: string }): Promise<Resolved> {
  const found = await crm.findRecipients(ref);
  const what = ref.id ?? `${ref.name}${ref.company ? ` at ${ref.company}` : ""}`;
  if (found.length === 0) return { status: "not_found", detail: `no contact or lead '${what}' in the CRM` };
  if (found.length > 1) {
    return {
      status: "ambiguous",
      detail: `${found.length} people match '${what}'; name one by id`,
      candidates: found.slice(0, 5).map((r) => ({ id: r.id, name: r.name, company: r.company })),
    };
  }
  return { status: "found", recipient: found[0]! };
}

export type ResolvedDeal =
  | { status: "found"; deal: DealRef }
  | { status: "not_found"; detail: string }
  | { status: "ambiguous"; detail: string; candidates: DealRef[] };

export async function resolveDeal(crm: OutreachCrm, ref: { id?: string; name?: string }): Promise<ResolvedDeal> {
  const found = await crm.findDeals(ref);
  const what = ref.id ?? ref.name ?? "";
  if (found.length === 0) return { status: "not_found", detail: `no open deal '${what}' in the CRM` };
  if (found.length > 1) return { status: "ambiguous", detail: `${found.length} deals match '${what}'; name one by id`, candidates: found.slice(0, 5) };
  return { status: "found", deal: found[0]! };
}
