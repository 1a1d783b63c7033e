import { describe, expect, it } from "vitest";
import { extractSlots } from "./extract-slots.js";
import { toE164 } from "./phone.js";

describe("phone numbers", () => {
  it.each([
    ["call me on +44 20 7946 0958", "+442079460958"],
    ["my mobile is +44 (0)7911 123456", "+447911123456"],
    ["phone: +49 30 1234567", "+49301234567"],
    ["reach me on +49-89-12345678", "+498912345678"],
    ["my number is +33 1 23 45 67 89", "+33123456789"],
    ["call +33 6 12 34 56 78 anytime", "+33612345678"],
    ["my cell: +91 98765 43210", "+919876543210"],
    ["whatsapp +91-22-2345-6789", "+912223456789"],
    ["call me at +61 2 9374 4000", "+61293744000"],
    ["mobile +61 412 345 678", "+61412345678"],
    ["my number is +55 11 91234-5678", "+5511912345678"],
    ["phone (+55) 21 2345-6789", "+552123456789"],
    ["text me at 0049 30 1234567", "+49301234567"],
    ["call me on (415) 555-0134", "+14155550134"],
    ["phone: 1-415-555-0134 ext. 12", "+14155550134"],
    ["my number is 415.555.0134", "+14155550134"],
  ])("reads %j as %s", (text, e164) => {
    expect(extractSlots(text).profile.phone).toBe(e164);
  });

  it("reads a national number in the configured country", () => {
    expect(extractSlots("call me on 020 7946 0958", { defaultCountry: "GB" }).profile.phone).toBe("+442079460958");
    expect(extractSlots("my number is 06 12 34 56 78", { defaultCountry: "FR" }).profile.phone).toBe("+33612345678");
    expect(extractSlots("call 030 1234567", { defaultCountryCode: "49" }).profile.phone).toBe("+49301234567");
    expect(toE164("0412 345 678", "AU")).toEqual({ ok: true, e164: "+61412345678", country: "AU" });
  });

  it("explains a number that cannot be one", () => {
    expect(toE164("555-12")).toEqual({ ok: false, reason: "a US or Canadian number needs 10 digits" });
    expect(toE164("+1 415 555 01344")).toEqual({ ok: false, reason: "it has too many digits for a US or Canadian number" });
    expect(toE164("+49 30 12")).toEqual({ ok: false, reason: "it isn't a valid number in Germany" });
    expect(toE164("+33 1 23")).toEqual({ ok: false, reason: "it is too short for a number in France" });
    expect(toE164("call-me-maybe")).toEqual({ ok: false, reason: "it contains letters" });
    expect(extractSlots("my phone is +44 20 79").invalid).toEqual([{ slot: "phone", value: "+44 20 79", reason: expect.stringMatching(/United Kingdom/) }]);
  });

  it("takes no counts, prices, dates or years for phones", () => {
    for (const text of ["we have 40,000 users", "call me about the $1,200,000 plan", "our budget is 120000 dollars", "call me on 2026-03-15", "call me in 2027", "call between 10-11"]) {
      const { profile, invalid } = extractSlots(text);
      expect(profile.phone, text).toBeUndefined();
      expect(invalid.filter((i) => i.slot === "phone"), text).toEqual([]);
    }
  });
});
