import { SENIORITIES, type Seniority } from "./catalog.js";
import type { AccountProfile } from "./generate-accounts.js";
import { makeId, personName, phoneNumber, slug } from "./naming.js";
import type { Prng } from "./prng.js";
import { days, iso } from "./time.js";
import type { ContactRow } from "./types.js";
import { TITLES } from "./words.js";

const SENIORITY_WEIGHTS: Record<Seniority, number> = { c_level: 0.1, vp: 0.15, director: 0.22, manager: 0.25, individual: 0.28 };
const MIN_PER_ACCOUNT = 2;

/** Contacts spread over accounts roughly by headcount; every account gets a senior buyer first. */
export function generateContacts(rng: Prng, accounts: AccountProfile[], total: number, takenNames: Set<string>): ContactRow[] {
  const perAccount = allocate(
    accounts.map((a) => Math.pow(a.row.employees, 0.35)),
    Math.max(total, accounts.length * MIN_PER_ACCOUNT),
    MIN_PER_ACCOUNT,
  );
  const emails = new Set<string>();
  const contacts: ContactRow[] = [];
  accounts.forEach((account, a) => {
    const createdFrom = Date.parse(account.row.created_at);
    const createdTo = Math.min(account.activeFromMs, createdFrom + days(90));
    for (let k = 0; k < perAccount[a]!; k += 1) {
      const seniority: Seniority =
        k === 0
          ? rng.weighted([["c_level", 0.3], ["vp", 0.4], ["director", 0.3]] as const)
          : rng.weighted(SENIORITIES.map((s) => [s, SENIORITY_WEIGHTS[s]] as const));
      const { first, last } = personName(rng, takenNames);
      contacts.push({
        id: makeId("con", contacts.length + 1, 4),
        account_id: account.row.id,
        first_name: first,
        last_name: last,
        email: uniqueEmail(`${slug(first)}.${slug(last)}`, account.domain, emails),
        phone: phoneNumber(rng, account.country.phone),
        title: rng.pick(TITLES[seniority]),
        seniority,
        timezone: account.country.timezone,
        created_at: iso(rng.dateBetween(createdFrom, Math.max(createdFrom + 1, createdTo))),
      });
    }
  });
  return contacts;
}

function uniqueEmail(local: string, domain: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const email = `${local}${n === 1 ? "" : n}@${domain}`;
    if (!taken.has(email)) {
      taken.add(email);
      return email;
    }
  }
}

/** Splits total into integer shares proportional to weights, each at least min (largest remainder). */
export function allocate(weights: number[], total: number, min: number): number[] {
  const spare = total - min * weights.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * spare);
  const shares = exact.map((x) => Math.floor(x));
  let left = spare - shares.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares.map((s) => s + min);
}
