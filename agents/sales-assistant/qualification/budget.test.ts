import { describe, expect, it } from "vitest";
import { extractBudget } from "./budget.js";

describe("budget", () => {
  it.each([
    ["our budget is $50k", "$50,000"],
    ["the budget is around 40k", "about $40,000"],
    ["we can spend USD 25000 this year", "$25,000"],
    ["Budget: up to $1.2M", "up to $1,200,000"],
    ["we have €25k per year for this", "€25,000 per year"],
    ["budget is 30.000 EUR", "€30,000"],
    ["we could spend about 20,000 euros annually", "about €20,000 per year"],
    ["our budget is £15k", "£15,000"],
    ["we have roughly 8 grand GBP a month", "about £8,000 per month"],
    ["we can afford $3k a month", "$3,000 per month"],
    ["budget is $500/month", "$500 per month"],
    ["budget: 20-30k", "$20,000–$30,000"],
    ["we have between $10k and $15k", "$10,000–$15,000"],
    ["we've set aside 2 million", "$2,000,000"],
    ["there's no budget yet", "No budget allocated yet"],
  ])("reads %j", (text, budget) => {
    expect(extractBudget(text)).toBe(budget);
  });

  it.each(["Is Helix Pro really $36,000?", "we have 40k users", "I need a demo for 40 people", "our revenue grew 20% last year", "around 3 weeks"])(
    "takes no budget from %j",
    (text) => {
      expect(extractBudget(text)).toBeUndefined();
    },
  );

  it("takes a bare amount only as an answer", () => {
    expect(extractBudget("around 40k")).toBeUndefined();
    expect(extractBudget("around 40k", { answer: true })).toBe("about $40,000");
    expect(extractBudget("around 40 thousand", { answer: true })).toBe("about $40,000");
    expect(extractBudget("$5k a month", { answer: true })).toBe("$5,000 per month");
    expect(extractBudget("50000", { answer: true })).toBe("$50,000");
    expect(extractBudget("3 months", { answer: true })).toBeUndefined();
  });
});
