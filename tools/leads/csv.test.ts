import { describe, expect, it } from "vitest";
import { CsvShapeError, csvLine, detectSeparator, parseCsv, parseRecords } from "./csv.js";

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
