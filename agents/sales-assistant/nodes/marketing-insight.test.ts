import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { marketingAsk } from "./marketing-insight.js";

describe("marketing questions", () => {
  it("recognises profile, target-account and playbook requests", () => {
    expect(marketingAsk("tell me everything about Pioneer Capital")).toBe("profile");
    expect(marketingAsk("what do we know? give me the 360 view of Globex")).toBe("profile");
    expect(marketingAsk("top 20 target accounts in retail")).toBe("targets");
    expect(marketingAsk("which accounts should we target in EMEA?")).toBe("targets");
    expect(marketingAsk("playbook for Vantage Goods")).toBe("playbook");
    expect(marketingAsk("ABM account plan for Pioneer Capital")).toBe("playbook");
  });

  it("leaves every labelled routing and agent example to its own intent", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const texts = ["agents/routing/examples.jsonl", "evals/datasets/routing-heldout.jsonl", "evals/datasets/agent-questions.jsonl"].flatMap((f) =>
      readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).text as string),
    );
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.filter((t) => marketingAsk(t) !== undefined)).toEqual([]);
  });
});
