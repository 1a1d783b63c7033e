import { describe, expect, it } from "vitest";
import { CONTENT_CHANNELS, type ContentChannel } from "../../src/core/content.js";
import { seededRandom } from "../../src/core/random.js";
import { bannedIn, finalize, type BrandRules } from "./draft.js";
import { maxPairwiseOverlap, MAX_OVERLAP } from "./distinct.js";
import { topicOf, type ContentFacts } from "./facts.js";
import { generateVariants } from "./generate.js";
import { checkLimits, enforceSms, smsLength, SMS_OPT_OUT } from "./limits.js";

const BRAND: BrandRules = { company: "Helix Data", voice: "clear and helpful", bannedPhrases: ["guarantee", "risk-free", "act now"] };
const WORDS = "quarterly analytics roadmap launch webinar forecasting migration security dashboards onboarding pricing review renewal summit".split(" ");
const SEGMENTS = ["Enterprise prospects", "Key accounts", "Lapsed customers", "Small and steady", "Healthcare CIOs in the Nordics and Baltics"];

function randomFacts(random: () => number): ContentFacts {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const words = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(WORDS)).join(" ");
  const objective = `${pick(["Invite people to", "Promote", "Announce", "Drive sign-ups for"])} the ${pick(["Q1", "spring", "EMEA", "2027"])} ${words}`;
  const long = "Branch managers answered their own questions and requests to the central analytics team fell by 40% within two quarters of rollout";
  const proof = random() < 0.7 ? { text: random() < 0.5 ? long : "On-time delivery rose from 89% to 95%", n: 1 } : undefined;
  const offer = random() < 0.5 ? { text: pick(["20% off annual plans", "a free data audit for the first 50 sign-ups", "two months free on Helix Pro — ünïcödé ✓"]), n: 2 } : undefined;
  const segment = pick(SEGMENTS);
  return {
    company: BRAND.company, objective, topic: topicOf(objective), segment: { label: segment, audience: `${segment.toLowerCase()} teams` },
    proof, offer, deadline: random() < 0.4 ? "by March 31" : undefined,
    deal: { name: `Globex ${words}`, stage: null, nextStep: random() < 0.5 ? `Send the security questionnaire and ${words}` : null, firstName: "Jane" },
    sources: [{ n: 1, kind: "knowledge", ref: "case-studies/x.md", text: long }, { n: 2, kind: "offer", ref: "request", text: "offer" }],
  };
}

describe("content generation", () => {
  it("keeps every channel limit over 600 generated samples, SMS with its opt-out wording", async () => {
    const random = seededRandom(42);
    const failures: string[] = [];
    for (let i = 0; i < 100; i++) {
      const facts = randomFacts(random);
      for (const channel of CONTENT_CHANNELS) {
        const { drafts } = await generateVariants(channel, facts, BRAND);
        expect(drafts).toHaveLength(3);
        for (const d of drafts) {
          const check = checkLimits(channel, d);
          if (!check.ok) failures.push(`${channel}/${d.angle}: ${check.problems.join("; ")}`);
          if (bannedIn([d.subject, d.text].join(" "), BRAND.bannedPhrases).length) failures.push(`${channel}/${d.angle}: banned phrase`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("writes three variants with three different angles whose pairwise lexical overlap stays below the threshold", async () => {
    const random = seededRandom(7);
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const facts = randomFacts(random);
      for (const channel of CONTENT_CHANNELS) {
        const { drafts } = await generateVariants(channel, facts, BRAND);
        expect(new Set(drafts.map((d) => d.angle)).size).toBe(3);
        worst = Math.max(worst, maxPairwiseOverlap(drafts.map((d) => [d.subject, d.text].filter(Boolean).join(" "))));
      }
    }
    expect(worst).toBeLessThan(MAX_OVERLAP);
  });

  it("cuts an over-long SMS at a word boundary and keeps the opt-out; non-GSM text gets the 70-character UCS-2 limit", () => {
    const long = "Our spring analytics summit brings together the people who run reporting at the largest companies in the region, with workshops, roadmaps and customer stories all day long.";
    const sms = enforceSms(long, "Helix Data");
    expect(smsLength(sms)).toMatchObject({ encoding: "GSM-7" });
    expect(smsLength(sms).length).toBeLessThanOrEqual(160);
    expect(sms.endsWith(SMS_OPT_OUT)).toBe(true);
    const words = new Set(long.replace(/[.,]/g, "").split(" "));
    for (const w of sms.replace(SMS_OPT_OUT, "").replace(/^Helix Data: /, "").replace(/[.,]/g, "").split(" ").filter(Boolean)) expect(words.has(w)).toBe(true);
    const emoji = enforceSms("Big news 🎉 for everyone in the analytics team this spring and summer season", "Helix Data");
    expect(smsLength(emoji)).toMatchObject({ encoding: "UCS-2" });
    expect(emoji.length).toBeLessThanOrEqual(70);
    expect(emoji.endsWith(SMS_OPT_OUT)).toBe(true);
    // typography a model likes is made GSM-7 instead of forcing UCS-2
    expect(smsLength(enforceSms("It’s here — the “Q1” summit…", "Helix Data")).encoding).toBe("GSM-7");
  });

  it("fits search-ad headlines to 30 and descriptions to 90 characters whatever comes in", () => {
    const ad = finalize("ad", { angle: "value", text: "", headlines: ["An extraordinarily long headline that goes on", "Short one"], descriptions: ["x ".repeat(80)], cites: [] }, BRAND);
    expect(checkLimits("ad", ad)).toEqual({ ok: true, problems: [] });
  });

  it("reads the topic of an objective", () => {
    expect(topicOf("Invite people to the Q1 webinar")).toBe("the Q1 webinar");
    expect(topicOf("Promote Helix Pro 4.0")).toBe("Helix Pro 4.0");
  });
});

export const channelsUnderTest: readonly ContentChannel[] = CONTENT_CHANNELS;
