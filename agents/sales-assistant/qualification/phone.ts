export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * A phone number as E.164. "+" or "00" means the number carries its country code; otherwise the default
 * country code is added (a leading trunk "0" dropped), and "1" + 10 digits is read as NANP.
 */
export function toE164(raw: string, defaultCountryCode = "1"): PhoneResult {
  const trimmed = raw.trim();
  if (/[a-z]/i.test(trimmed.replace(/\b(?:ext|x)\.?\s*\d+$/i, ""))) return { ok: false, reason: "it contains letters" };
  const digits = trimmed.replace(/\b(?:ext|x)\.?\s*\d+$/i, "").replace(/\D/g, "");
  let full: string;
  if (trimmed.startsWith("+")) full = digits;
  else if (digits.startsWith("00")) full = digits.slice(2);
  else if (defaultCountryCode === "1" && digits.length === 11 && digits.startsWith("1")) full = digits;
  else full = defaultCountryCode + digits.replace(/^0/, "");
  if (full.startsWith("1") && full.length !== 11) {
    return { ok: false, reason: full.length < 11 ? "a US or Canadian number needs 10 digits" : "it has too many digits for a US or Canadian number" };
  }
  if (full.length < 8) return { ok: false, reason: "it is too short to be a full phone number" };
  if (full.length > 15) return { ok: false, reason: "it is longer than any phone number can be" };
  return { ok: true, e164: `+${full}` };
}
