import { describe, expect, it } from "vitest";
import { decodeText, firstInvalidUtf8, TextEncodingError } from "./text-decoding.js";

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("decodeText", () => {
  it("reads UTF-8 and drops its byte-order mark", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("Café")]), { name: "a.csv" })).toBe("Café");
  });

  it("reads UTF-16 with a byte-order mark", () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from("Zoë", "utf16le")]), { name: "a.csv" })).toBe("Zoë");
  });

  it("stops on Windows-1252 bytes without --encoding, naming the line and column", () => {
    const bytes = latin1("account,sector\nAcme,retail\nCaf\u00e9 M\u00fcller,food\n");
    expect(() => decodeText(bytes, { name: "accounts.csv" })).toThrow(TextEncodingError);
    expect(() => decodeText(bytes, { name: "accounts.csv" })).toThrow(/accounts\.csv: line 3, column 4 is not valid UTF-8 \(byte 0xe9\).*--encoding/);
  });

  it("decodes with the named encoding", () => {
    expect(decodeText(latin1("Caf\u00e9"), { name: "a.csv", encoding: "windows-1252" })).toBe("Café");
    expect(() => decodeText(latin1("x"), { name: "a.csv", encoding: "klingon" })).toThrow(/unknown encoding 'klingon'/);
  });

  it("finds overlong and surrogate sequences as invalid", () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toMatchObject({ line: 1, column: 2 });
    expect(firstInvalidUtf8(new Uint8Array([0x0a, 0xed, 0xa0, 0x80]))).toMatchObject({ line: 2, column: 1 });
  });
});
