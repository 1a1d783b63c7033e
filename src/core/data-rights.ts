import { createHash } from "node:crypto";
import { BadInputError } from "./errors.js";

/** A person as they ask to be found: by email or by phone number. */
export type PersonIdentifier = { kind: "email"; value: string } | { kind: "phone"; value: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `jane@x.com` or `+1 415-555-0134` → the normalised identifier; anything else is bad input (exit 2). */
export function parsePersonIdentifier(raw: string): PersonIdentifier {
  const text = raw.trim();
  if (EMAIL.test(text)) return { kind: "email", value: text.toLowerCase() };
  const phone = text.replace(/[\s().-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(phone)) return { kind: "phone", value: phone };
  throw new BadInputError(`'${raw}' is neither an email address nor a phone number in international form (+14155550134)`);
}

/** The Store and consent key of the identifier (`email:jane@x.com`, `phone:+14155550134`). */
export function identifierKey(id: PersonIdentifier): string {
  return `${id.kind}:${id.value}`;
}

/**
 * The tombstone: SHA-256 of the key, as the database's `identity_hash()` computes it (migration 015), so an
 * import can be checked without keeping the address itself.
 */
export function tombstoneHash(id: PersonIdentifier): string {
  return createHash("sha256").update(identifierKey(id), "utf8").digest("hex");
}

/** What `contacts forget` removed, per kind of record. */
export type ErasureReport = Record<string, number>;
