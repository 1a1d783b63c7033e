import { describe, expect, it } from "vitest";
import { findTables, renderTables, rowSentence } from "./table-text.js";

const PARSED = [
  "Every plan is billed annually.",
  "",
  "Plan | List price per year | Named users included | Support",
  "Starter | $1,200 | 5 | email",
  "Team | $6,000 | 25 | chat and email",
  "",
  "Prices exclude tax.",
].join("\n");

const RAW = ["| Region | Data centre |", "|---|:---:|", "| EU | Frankfurt |", "| US | Virginia |"].join("\n");

describe("markdown tables as text", () => {
  it("finds a table as the parser leaves it and as raw markdown", () => {
    expect(findTables(PARSED)).toEqual([
      {
        start: 2,
        end: 5,
        table: {
          header: ["Plan", "List price per year", "Named users included", "Support"],
          rows: [
            ["Starter", "$1,200", "5", "email"],
            ["Team", "$6,000", "25", "chat and email"],
          ],
        },
      },
    ]);
    expect(findTables(RAW)[0]!.table).toEqual({ header: ["Region", "Data centre"], rows: [["EU", "Frankfurt"], ["US", "Virginia"]] });
  });

  it("reads a row as a sentence: numbers before their header, words after it", () => {
    const { table } = findTables(PARSED)[0]!;
    expect(rowSentence(table, table.rows[0]!)).toBe("Starter: $1,200 list price per year; 5 named users included; support email.");
    expect(rowSentence(table, table.rows[1]!, { columns: [1] })).toBe("Team: $6,000 list price per year.");
  });

  it("replaces each table by one list item per row and reports the row sentences", () => {
    const out = renderTables(PARSED, () => [1, 2]);
    expect(out.text).toBe(
      "Every plan is billed annually.\n\n- Starter: $1,200 list price per year; 5 named users included.\n- Team: $6,000 list price per year; 25 named users included.\n\nPrices exclude tax.",
    );
    expect(out.rows).toEqual(["Starter: $1,200 list price per year; 5 named users included.", "Team: $6,000 list price per year; 25 named users included."]);
    expect(renderTables(RAW).text).toBe("- EU: data centre Frankfurt.\n- US: data centre Virginia.");
  });

  it("leaves text without tables alone, and a lone line with a pipe is not a table", () => {
    expect(renderTables("a | b\nplain text").text).toBe("a | b\nplain text");
  });
});
