import { describe, expect, it } from "vitest";
import { editDistance, matchNames, nameTokens } from "../../tools/crm/name-match.js";

const ACCOUNTS = ["Globex Industries", "Initech", "Acme Corp", "Umbrella Health", "Global Freight", "Ace Logistics"];

describe("name matching", () => {
  it("tokenises without legal suffixes or possessives", () => {
    expect(nameTokens("How's Acme Corp's renewal?")).toEqual(["how", "acme", "renewal"]);
  });

  it("computes edit distance with an early exit", () => {
    expect(editDistance("initech", "initec")).toBe(1);
    expect(editDistance("globex", "glob", 1)).toBe(2);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
  });

  it("finds an account named in a question, case- and suffix-insensitively", () => {
    expect(matchNames("how's the globex deal going?", ACCOUNTS)[0]?.name).toBe("Globex Industries");
    expect(matchNames("risks on the ACME opportunity", ACCOUNTS)[0]?.name).toBe("Acme Corp");
  });

  it("tolerates a small typo in a long name but not in a short one", () => {
    expect(matchNames("status of initeck", ACCOUNTS).map((m) => m.name)).toEqual(["Initech"]);
    expect(matchNames("what about the ace logistics deal", ACCOUNTS).map((m) => m.name)).toEqual(["Ace Logistics"]);
    expect(matchNames("what about the acm deal", ACCOUNTS)).toEqual([]);
  });

  it("returns nothing when no account is named", () => {
    expect(matchNames("what does the pipeline look like", ACCOUNTS)).toEqual([]);
  });
});
