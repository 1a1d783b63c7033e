import type { Prng } from "./prng.js";
import { FIRST_NAMES, LAST_NAMES } from "./words.js";

/** Lower-case letters and digits only: for e-mail local parts and domains. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "");
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** A first/last name pair not yet in taken (which it then joins); a middle initial once plain pairs run short. */
export function personName(rng: Prng, taken: Set<string>): { first: string; last: string } {
  for (let attempt = 0; ; attempt += 1) {
    const given = rng.pick(FIRST_NAMES);
    const first = attempt < 50 ? given : `${given} ${String.fromCharCode(65 + rng.int(0, 25))}.`;
    const last = rng.pick(LAST_NAMES);
    const key = `${first} ${last}`;
    if (!taken.has(key)) {
      taken.add(key);
      return { first, last };
    }
  }
}

/** Replaces each X of an E.164 pattern with a random digit. */
export function phoneNumber(rng: Prng, pattern: string): string {
  return pattern.replace(/X/g, () => String(rng.int(0, 9)));
}

/** A readable, deterministic id: prefix_0001. */
export function makeId(prefix: string, index: number, width: number): string {
  return `${prefix}_${pad(index, width)}`;
}
