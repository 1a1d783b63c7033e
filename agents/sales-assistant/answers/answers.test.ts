import { describe, expect, it } from "vitest";
import { composeAnswer, composeParts, inContext, sourcesFor } from "./compose.js";
import { isConfident, MIN_COVERAGE, questionTerms, termCoverage } from "./relevance.js";
import { asksPrice, pickSentences, scoreSentence, splitSentences, type Passage } from "./sentences.js";

const PRO: Passage = {
  n: 1,
  source: "knowledge/demo/public/products/helix-pro.md",
  title: "Helix Pro",
  heading: "Price and what is included",
  text: "- **List price: $36,000 per year**, billed annually.\n- **100 named users** included, with no separate charge for\nviewers.\n- Helix Pro is the plan you can trial for free for 14 days.",
};
const FAQ: Passage = {
  n: 2,
  source: "knowledge/demo/public/faq.md",
  title: "Frequently asked questions",
  heading: "Single sign-on and user management > Do you support SSO?",
  text: "Yes. SAML 2.0 single sign-on is included in Helix Pro and Helix Enterprise and works with Okta. Helix Core supports\nsign-in with Google and Microsoft accounts, but not SAML.",
};

describe("retrieval confidence", () => {
  it("judges a question by its topical terms", () => {
    expect(questionTerms("How much does Helix Pro cost?")).toEqual(["pro"]);
    expect(termCoverage("How much does Helix Pro cost?", PRO.text + PRO.title)).toBe(1);
    expect(termCoverage("Does Helix support SAML SSO?", FAQ.heading + FAQ.text)).toBe(1);
  });

  it.each([
    ["Do you offer a quantum computing module?", `${PRO.title} ${PRO.text}`],
    ["what's your CEO's favourite colour", `${FAQ.title} ${FAQ.heading} ${FAQ.text}`],
    ["Does Helix Pro have a quantum computing module?", `${PRO.title} ${PRO.text}`],
  ])("declines %j when the best passage covers too little of it", (question, passage) => {
    expect(termCoverage(question, passage)).toBeLessThan(MIN_COVERAGE);
    expect(isConfident(termCoverage(question, passage))).toBe(false);
  });

  it("accepts at the threshold", () => {
    expect(isConfident(0.6)).toBe(true);
    expect(isConfident(0.5)).toBe(false);
  });
});

describe("sentence selection", () => {
  it("re-joins wrapped lines and drops list markup", () => {
    expect(splitSentences(PRO.text)).toEqual([
      "List price: $36,000 per year, billed annually.",
      "100 named users included, with no separate charge for viewers.",
      "Helix Pro is the plan you can trial for free for 14 days.",
    ]);
  });

  it("prefers the sentence stating the price on a price question", () => {
    expect(asksPrice("How much does Helix Pro cost?")).toBe(true);
    expect(asksPrice("Is there a free trial?")).toBe(false);
    const picked = pickSentences("How much does Helix Pro cost?", [PRO, FAQ]);
    expect(picked[0]).toMatchObject({ n: 1, text: "List price: $36,000 per year, billed annually." });
  });

  it("scores a sentence by its own terms, with its page and heading as context", () => {
    expect(scoreSentence("Does Pro include SSO?", "Yes.", { title: "FAQ", context: "Do you support SSO?" })).toBe(0);
    const sso = scoreSentence("Does Pro include SSO?", "SAML 2.0 single sign-on is included in Helix Pro.", { context: "Do you support SSO?" });
    expect(sso).toBe(6);
  });

  it("picks the answering sentence from the best passage and nothing unrelated", () => {
    const picked = pickSentences("Does Helix Pro include SAML single sign-on?", [PRO, FAQ]);
    expect(picked.map((p) => p.n)).toEqual([2]);
    expect(picked[0]!.text).toMatch(/^SAML 2\.0 single sign-on is included in Helix Pro/);
  });
});

describe("composing the answer", () => {
  it("numbers citations by first use and lists the sources", () => {
    const answer = composeAnswer(
      [
        { n: 2, text: "SAML 2.0 single sign-on is included in Helix Pro and Helix Enterprise and works with Okta.", score: 1 },
        { n: 1, text: "List price: $36,000 per year, billed annually.", score: 1 },
        { n: 2, text: "Helix Core supports sign-in with Google and Microsoft accounts, but not SAML", score: 1 },
      ],
      [PRO, FAQ],
    );
    expect(answer.body).toBe(
      "SAML 2.0 single sign-on is included in Helix Pro and Helix Enterprise and works with Okta [1]. " +
        "Helix Pro — List price: $36,000 per year, billed annually [2]. " +
        "Helix Core supports sign-in with Google and Microsoft accounts, but not SAML [1].",
    );
    expect(answer.sources).toBe("Sources:\n[1] Frequently asked questions\n[2] Helix Pro");
  });

  it("names the subject a lifted sentence lost", () => {
    expect(inContext("It replaces hand-built pipelines.", "Helix Connect")).toBe("Helix Connect replaces hand-built pipelines.");
    expect(inContext("Yes, it is free.", "Helix Connect")).toBe("Yes, it is free.");
  });
});

describe("sources and layout per channel", () => {
  const sec = { title: "Security and compliance", source: "knowledge/acme/security.md" };
  const price = { title: "Pricing", source: "https://acme.example/pricing", url: "https://acme.example/pricing" };
  const parts = [
    [{ text: "SOC 2 Type II: audited every year", doc: sec }],
    [
      { text: "Starter: $100 price per month; 5 users included.", doc: price, row: true },
      { text: "Team: $400 price per month; 25 users included.", doc: price, row: true },
    ],
  ];

  it("numbers one sources list across parts and lists table rows on the web", () => {
    const answer = composeParts(parts, "web");
    expect(answer.body).toBe(
      "SOC 2 Type II: audited every year [1].\n\n- Starter: $100 price per month; 5 users included\n- Team: $400 price per month; 25 users included [2]",
    );
    expect(answer.sources).toBe("Sources:\n[1] Security and compliance\n[2] Pricing — https://acme.example/pricing");
  });

  it("writes sentences and one short sources line on SMS, never a file path", () => {
    const answer = composeParts(parts, "sms");
    expect(answer.body).toBe(
      "SOC 2 Type II: audited every year [1]. Starter: $100 price per month; 5 users included. Team: $400 price per month; 25 users included [2].",
    );
    expect(answer.sources).toBe("Sources: [1] Security and compliance; [2] https://acme.example/pricing");
    expect(sourcesFor(answer.cited, "sms")).not.toMatch(/\.md/);
  });

  it("turns a sentence ending in a colon into a full sentence", () => {
    expect(composeParts([[{ text: "You choose where your data is stored:", doc: sec }]], "web").body).toBe("You choose where your data is stored [1].");
  });
});
