import { describe, expect, it } from "vitest";
import { countSmsSegments, formatSms, smsEncoding, stripMarkdown, toGsmWherePossible } from "./sms-format.js";

describe("countSmsSegments", () => {
  it("counts GSM-7: 160 in one segment, then 153 per segment", () => {
    expect(countSmsSegments("")).toBe(0);
    expect(countSmsSegments("a".repeat(160))).toBe(1);
    expect(countSmsSegments("a".repeat(161))).toBe(2);
    expect(countSmsSegments("a".repeat(306))).toBe(2);
    expect(countSmsSegments("a".repeat(307))).toBe(3);
  });

  it("counts extension characters twice and never splits them", () => {
    expect(countSmsSegments("€".repeat(80))).toBe(1);
    expect(countSmsSegments("€".repeat(81))).toBe(2);
    // 152 septets then an escape pair: the pair moves to segment two.
    expect(countSmsSegments(`${"a".repeat(152)}€${"a".repeat(151)}`)).toBe(2);
    expect(countSmsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toBe(3);
  });

  it("counts UCS-2: 70 in one segment, then 67 per segment, emoji as two units", () => {
    expect(smsEncoding("Привет")).toBe("UCS-2");
    expect(countSmsSegments("ж".repeat(70))).toBe(1);
    expect(countSmsSegments("ж".repeat(134))).toBe(2);
    expect(countSmsSegments("ж".repeat(135))).toBe(3);
    expect(countSmsSegments("😀".repeat(35))).toBe(1);
    expect(countSmsSegments("😀".repeat(36))).toBe(2);
  });
});

describe("stripMarkdown", () => {
  it("removes emphasis, headings, code and quotes, and spells out links", () => {
    expect(stripMarkdown("## Pricing\n**Pro** is *$49*/user. See [plans](https://x.example/p) or `docs`.\n> quoted\n* one\n* two")).toBe(
      "Pricing\nPro is $49/user. See plans (https://x.example/p) or docs.\nquoted\n- one\n- two",
    );
  });

  it("leaves underscores in emails and identifiers alone", () => {
    expect(stripMarkdown("mail jane_doe@acme.example about snake_case_name")).toBe("mail jane_doe@acme.example about snake_case_name");
  });
});

describe("toGsmWherePossible", () => {
  it("maps typography and accents to GSM-7 and drops emoji", () => {
    const out = toGsmWherePossible("We’re “ready” — Zoë’s çafe… • done 🎉");
    expect(out).toBe(`We're "ready" - Zoe's cafe... - done`);
    expect(smsEncoding(out)).toBe("GSM-7");
  });

  it("keeps other scripts (and their emoji) as they are", () => {
    expect(toGsmWherePossible("Привет 👋")).toBe("Привет 👋");
  });
});

describe("formatSms", () => {
  it("returns short text unchanged apart from markdown", () => {
    expect(formatSms("**Yes** - we integrate with Salesforce.")).toBe("Yes - we integrate with Salesforce.");
  });

  it("shortens at a sentence boundary to two GSM-7 segments (306 characters)", () => {
    const sentence = "Our Pro plan includes unlimited dashboards and SSO for every seat. ";
    const out = formatSms(sentence.repeat(8));
    expect(out.length).toBeLessThanOrEqual(306);
    expect(countSmsSegments(out)).toBeLessThanOrEqual(2);
    expect(out.endsWith("every seat.")).toBe(true);
    expect(out).toBe(sentence.repeat(4).trim());
  });

  it("keeps a price with a decimal point inside a sentence", () => {
    const out = formatSms(`Pro costs $3.50 per user. ${"More detail follows here. ".repeat(20)}`);
    expect(out.startsWith("Pro costs $3.50 per user.")).toBe(true);
  });

  it("shortens UCS-2 text to 134 code units", () => {
    const out = formatSms("Да. ".repeat(60));
    expect(smsEncoding(out)).toBe("UCS-2");
    expect(out.length).toBeLessThanOrEqual(134);
    expect(out.endsWith("Да.")).toBe(true);
  });

  it("cuts a single overlong sentence at a word and marks it", () => {
    const out = formatSms(`${"word ".repeat(100)}end`);
    expect(out.endsWith("word...")).toBe(true);
    expect(countSmsSegments(out)).toBe(2);
  });

  it("cuts an unbroken token by characters", () => {
    const out = formatSms(`https://example.com/${"a".repeat(400)}`);
    expect(out.endsWith("...")).toBe(true);
    expect(out.length).toBe(306);
  });
});
