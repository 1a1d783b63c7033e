import { z } from "zod";

/**
 * Text that people send us, checked once at each channel's edge before the graph runs: PostgreSQL refuses
 * NUL in `text` and `jsonb`, so a NUL that reached the checkpoint or the message log would fail the turn
 * halfway. Control characters other than tab and newline are removed (CR LF and CR become LF); text that is
 * not valid UTF-16 (a lone surrogate, which JSON's `\ud800` can carry) is refused, since it cannot be stored
 * or answered faithfully.
 */
// C0 controls except \t (09) and \n (0A), DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type InboundText = { ok: true; text: string } | { ok: false; reason: string };

export const INVALID_UNICODE = "text must be valid Unicode (it holds a lone UTF-16 surrogate)";

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Removes control characters (keeps tab and newline; CR LF and lone CR become LF). */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** The text as the graph may see it, or why it is refused. The result is not trimmed. */
export function cleanInboundText(text: string): InboundText {
  if (hasLoneSurrogate(text)) return { ok: false, reason: INVALID_UNICODE };
  return { ok: true, text: stripControlCharacters(text) };
}

/** The same rules as a zod schema for request bodies: refuses a lone surrogate, removes control characters. */
export function cleanTextSchema(error = "must be a string") {
  return z.string({ error }).refine((text) => !hasLoneSurrogate(text), INVALID_UNICODE).transform(stripControlCharacters);
}
