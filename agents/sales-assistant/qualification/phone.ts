import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";

export type PhoneResult = { ok: true; e164: string; country?: string } | { ok: false; reason: string };

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** Calling codes shared by several regions, and the one people mean. */
const MAIN_REGION: Record<string, string> = { "44": "GB", "7": "RU", "47": "NO", "358": "FI", "61": "AU", "39": "IT", "212": "MA" };

/** The region an incomplete international number points at ("+44 20 79" → GB). */
function regionOf(text: string): { country?: string; code?: string } {
  const typed = new AsYouType();
  typed.input(text);
  const code = typed.getCallingCode();
  if (!code) return {};
  const regions = getCountries().filter((c) => getCountryCallingCode(c) === code);
  return { code, country: typed.getCountry() ?? MAIN_REGION[code] ?? (regions.length === 1 ? regions[0] : undefined) };
}

function where(country: string | undefined, callingCode: string | undefined): string {
  if (callingCode === "1" && (!country || country === "US" || country === "CA")) return "a US or Canadian number";
  const name = country ? regionNames.of(country) : undefined;
  return name ? `a number in ${name}` : "a phone number";
}

/**
 * A phone number as E.164, read by libphonenumber-js. A number written with "+" or "00" carries its own
 * country; otherwise `defaultCountry` says whose it is: an ISO region ("US", "DE") or, for older callers,
 * a calling code ("1", "49"). A number that cannot be one gets a reason a person can act on.
 */
export function toE164(raw: string, defaultCountry = "US"): PhoneResult {
  const trimmed = raw.trim().replace(/\s*(?:ext\.?|x)\s*\d+$/i, "");
  if (/[a-z]/i.test(trimmed)) return { ok: false, reason: "it contains letters" };
  const text = trimmed.replace(/^00(?=[1-9])/, "+").replace(/^\+\s+/, "+");
  const options = /^\d+$/.test(defaultCountry)
    ? { defaultCallingCode: defaultCountry }
    : { defaultCountry: defaultCountry.toUpperCase() as CountryCode };
  const callingCode = text.startsWith("+") ? undefined : "defaultCallingCode" in options ? options.defaultCallingCode : undefined;
  const number = parsePhoneNumberFromString(text, options);
  if (number?.isValid()) return { ok: true, e164: number.number, country: number.country };
  // A number of a possible length in a range the metadata doesn't list (new ranges, numbers kept for drama
  // and tests) is still the person's number: refusing it would lose a real contact.
  if (number?.isPossible() && text.replace(/\D/g, "").length >= 10) return { ok: true, e164: number.number, country: number.country };

  const typed = text.startsWith("+") ? regionOf(text) : {};
  const country = number?.country ?? typed.country ?? ("defaultCountry" in options && !text.startsWith("+") ? options.defaultCountry : undefined);
  const code = number?.countryCallingCode ?? typed.code ?? callingCode;
  switch (validatePhoneNumberLength(text, options)) {
    case "TOO_SHORT":
      return { ok: false, reason: code === "1" || country === "US" ? "a US or Canadian number needs 10 digits" : `it is too short for ${where(country, code)}` };
    case "TOO_LONG":
      return { ok: false, reason: `it has too many digits for ${where(country, code)}` };
    case "INVALID_COUNTRY":
      return { ok: false, reason: "its country code isn't one in use" };
    case "NOT_A_NUMBER":
      return { ok: false, reason: "it isn't a phone number" };
    default:
      return { ok: false, reason: `it isn't a valid ${where(country, code).replace(/^a /, "")}` };
  }
}
