import { BadInputError } from "./errors.js";

/**
 * Input files (CSV exports, transcripts, knowledge documents) as text. A byte-order mark decides (UTF-8,
 * UTF-16 LE/BE); without one the bytes must be valid UTF-8, or the caller names the encoding. Guessing
 * between Latin-1 and Windows-1252 is how a CRM import grows a garbled duplicate of "Café Müller", so a
 * file that is not UTF-8 stops with the line and column of its first bad byte.
 */
export class TextEncodingError extends BadInputError {}

/** Labels the WHATWG decoder knows (`latin1`, `windows-1252`, `utf-16le`, `shift_jis`…); checked when given. */
export function checkEncoding(label: string): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new BadInputError(`unknown encoding '${label}' (try utf-8, windows-1252, latin1, utf-16le)`);
  }
}

export function decodeText(bytes: Uint8Array, options: { name: string; encoding?: string }): string {
  if (options.encoding) {
    const encoding = checkEncoding(options.encoding);
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      throw new TextEncodingError(`${options.name}: not valid ${encoding}`);
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    // the decoder drops a UTF-8 byte-order mark itself
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new TextEncodingError(
      `${options.name}: line ${at.line}, column ${at.column} is not valid UTF-8 (byte 0x${at.byte.toString(16).padStart(2, "0")}); ` +
        "save the file as UTF-8 or pass --encoding (e.g. windows-1252, latin1, utf-16le)",
    );
  }
}

/** Where the first byte that cannot start or continue a UTF-8 sequence is (1-based line and byte column). */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && length === 3) {
      const cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      ok = cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff);
    }
    if (ok && length === 4) {
      const cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12);
      ok = cp >= 0x10000 && cp <= 0x10ffff;
    }
    if (!ok) return { line, column: i - lineStart + 1, byte: b };
    i += length;
  }
  return { line, column: i - lineStart + 1, byte: 0 };
}
