import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * Passwords kept only as scrypt hashes (`scrypt$N$r$p$salt$hash`, base64url), compared in constant time.
 * The admin password is hashed once when configuration is read, so the plain text is not kept around.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password.normalize("NFKC"), salt, KEY_LENGTH, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const given = scryptSync(password.normalize("NFKC"), Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(given, expected);
}

/** A signing key every process derives alike from the same password (when no separate secret is configured). */
export function deriveSecret(password: string, purpose: string): string {
  return scryptSync(password.normalize("NFKC"), `salesgraph:${purpose}:v1`, KEY_LENGTH, { N, r: R, p: P }).toString("base64url");
}
