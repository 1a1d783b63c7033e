import { describe, expect, it } from "vitest";
import { inferSchema } from "./schema-inference.js";
import { parseBoolean, parseDateDays, parseNumber } from "./values.js";

describe("cell values", () => {
  it("reads numbers strictly", () => {
    expect([parseNumber("1e3"), parseNumber(" -0.5 "), parseNumber(".5"), parseNumber("0")]).toEqual([1000, -0.5, 0.5, 0]);
    for (const bad of ["", "  ", "0x10", "Infinity", "1,5", "12abc"]) expect(parseNumber(bad)).toBeNaN();
  });

  it("reads booleans and year-first dates", () => {
    expect([parseBoolean("Yes"), parseBoolean("f"), parseBoolean("1"), parseBoolean("maybe")]).toEqual([1, 0, 1, NaN]);
    expect(parseDateDays("1970-01-02")).toBe(1);
    expect(parseDateDays("2024/1/5")).toBe(parseDateDays("2024-01-05"));
    expect(parseDateDays("05/01/2024")).toBeNaN();
  });
});

describe("schema inference", () => {
  const n = 60;
  const header = ["id", "visits", "source", "webinar", "created", "notes", "empty", "same", "converted"];
  const rows = Array.from({ length: n }, (_, i) => [
    `a${i}-${(i * 7919) % 1000}`,
    i % 10 === 0 ? "" : String(i % 13),
    ["web", "event", "referral"][i % 3]!,
    i % 2 ? "yes" : "no",
    `2025-03-${String(1 + (i % 28)).padStart(2, "0")}`,
    `called on day ${i} and they asked for a longer trial period`,
    "",
    "x",
    String(i % 2),
  ]);
  const schema = inferSchema(header, rows, header.indexOf("converted"));

  it("types each column and leaves out the target", () => {
    expect(schema.features.map((f) => [f.name, f.kind])).toEqual([
      ["visits", "numeric"],
      ["source", "categorical"],
      ["webinar", "boolean"],
      ["created", "date"],
    ]);
    expect(schema.features.find((f) => f.name === "visits")!.missing).toBe(6);
  });

  it("ignores identifiers, free text, empty and constant columns, with a warning each", () => {
    expect(schema.ignored).toEqual([
      { name: "id", reason: "identifier" },
      { name: "notes", reason: "free text" },
      { name: "empty", reason: "empty" },
      { name: "same", reason: "constant" },
    ]);
    expect(schema.warnings).toContain("column notes ignored (free text)");
  });

  it("treats an all-distinct integer column named like an id as an identifier", () => {
    const s = inferSchema(["lead_id", "y"], Array.from({ length: 30 }, (_, i) => [String(1000 + i), String(i % 2)]), 1);
    expect(s.ignored).toEqual([{ name: "lead_id", reason: "identifier" }]);
  });
});

describe("identifiers told by their values", () => {
  const n = 200;
  const shuffled = Array.from({ length: n }, (_, i) => String(579_533 + ((i * 7919) % n) * 9));
  it("a unique integer counter is an identifier whatever its name (Lead Number)", () => {
    const rows = shuffled.map((v, i) => [v, String(i % 7), i % 2 ? "1" : "0"]);
    const schema = inferSchema(["Lead Number", "visits", "y"], rows, 2);
    expect(schema.ignored).toContainEqual({ name: "Lead Number", reason: "identifier" });
    expect(schema.features.map((f) => f.name)).toEqual(["visits"]);
  });

  it("UUIDs and hashes are identifiers; a measured quantity with repeats is not", () => {
    const uuid = (i: number) => `${i.toString(16).padStart(8, "0")}-1c2d-4e5f-8a9b-${(i * 97).toString(16).padStart(12, "0")}`;
    const rows = Array.from({ length: n }, (_, i) => [uuid(i), (i * 2654435761).toString(16).padStart(16, "0"), String((i * 37) % 90), i % 2 ? "1" : "0"]);
    const schema = inferSchema(["Prospect", "digest", "minutes", "y"], rows, 3);
    expect(schema.ignored.map((c) => [c.name, c.reason])).toEqual([["Prospect", "identifier"], ["digest", "identifier"]]);
    expect(schema.features.map((f) => f.name)).toEqual(["minutes"]);
  });
});
