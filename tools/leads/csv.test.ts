import { describe, expect, it } from "vitest";
import { CsvShapeError, csvField, csvLine, detectSeparator, parseCsv, parseRecords } from "./csv.js";

describe("CSV parsing", () => {
  it("reads quoted fields holding separators, quotes and line breaks", () => {
    const text = 'name,note,n\r\n"Doe, Jane","said ""hi""\nthen left",3\r\nBob,,4\n';
    expect(parseCsv(text)).toEqual({
      header: ["name", "note", "n"],
      rows: [
        ["Doe, Jane", 'said "hi"\nthen left', "3"],
        ["Bob", "", "4"],
      ],
      separator: ",",
    });
  });

  it("drops a byte-order mark and blank lines, keeps a trailing empty field", () => {
    expect(parseRecords("\ufeffa,b\n\n1,\n", ",")).toEqual([["a", "b"], ["1", ""]]);
  });

  it("detects semicolon and tab separators from the header", () => {
    expect(detectSeparator('age;job;"y"\n1;a;0')).toBe(";");
    expect(detectSeparator("a\tb\tc\n")).toBe("\t");
    expect(detectSeparator("single\n1\n")).toBe(",");
  });

  it("pads short rows and rejects rows longer than the header", () => {
    expect(parseCsv("a,b,c\n1\n").rows).toEqual([["1", "", ""]]);
    expect(() => parseCsv("a,b\n1,2,3\n")).toThrow(CsvShapeError);
  });

  it("writes fields that need it in quotes, so they read back the same", () => {
    const fields = ["plain", "a,b", 'say "x"', "two\nlines", " padded "];
    const line = csvLine(fields);
    expect(line).toBe('plain,"a,b","say ""x""","two\nlines"," padded "');
    expect(parseRecords(line, ",")).toEqual([fields]);
  });
});

describe("CSV written by the product (OWASP CSV injection)", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe(`"'+1+cmd|' /C calc'!A0"`);
    expect(csvField("-2+3")).toBe(`"'-2+3"`);
    expect(csvField("@SUM(A1:A2)")).toBe(`"'@SUM(A1:A2)"`);
    expect(csvField("\t=1+1")).toBe(`"'\t=1+1"`);
    expect(csvField("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("keeps numbers and ordinary text as they are", () => {
    expect(csvLine(["-0.5", "+44", "1e-3", "Acme", "a=b"])).toBe("-0.5,+44,1e-3,Acme,a=b");
  });

  it("reads a neutralised cell back as the apostrophe-prefixed text", () => {
    expect(parseCsv(`a\n${csvField("=1+1")}\n`).rows[0]).toEqual(["'=1+1"]);
  });
});
