import { z } from "zod";
import { BadInputError } from "../../src/core/errors.js";
import { hasLoneSurrogate, INVALID_UNICODE, stripControlCharacters } from "../../src/core/inbound-text.js";

/**
 * The web chat's request shapes, the same rules as `POST /api/chat` (src/app/chat-routes.ts): both endpoints
 * must accept and refuse exactly the same conversations and messages.
 */
export const ConversationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "conversationId must be 8–100 letters, digits, '-' or '_'");

export const ChatRequest = z.object({
  conversationId: ConversationId.optional(),
  /** Control characters (NUL…) are removed and a lone surrogate refused before anything is stored. */
  text: z
    .string({ error: "text is required and must be a string" })
    .refine((text) => !hasLoneSurrogate(text), INVALID_UNICODE)
    .transform(stripControlCharacters)
    .pipe(z.string().trim().min(1, "text must not be empty").max(4000, "text must be at most 4000 characters")),
  /** The visitor's IANA zone from `Intl`; an unknown zone is ignored rather than refused (old browsers). */
  timeZone: z
    .string()
    .max(64)
    .optional()
    .transform((zone) => (zone && isKnownZone(zone) ? zone : undefined)),
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "locale must be a BCP 47 tag such as en-US")
    .optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a request part with one of these schemas; the first problem becomes a 400 with its message. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new BadInputError(result.error.issues[0]!.message);
  return result.data;
}
