import { z } from "zod";
import { hasLoneSurrogate, INVALID_UNICODE, stripControlCharacters } from "../../src/core/inbound-text.js";

/** What a person typed: control characters removed, a lone surrogate refused (src/core/inbound-text.ts). */
const TypedText = (max: number) => z.string().max(max).refine((text) => !hasLoneSurrogate(text), INVALID_UNICODE).transform(stripControlCharacters);

/**
 * The Slack request bodies this adapter accepts, checked after the signature and before Bolt sees them.
 * Anything else is a 400: a signed request we do not understand is a misconfigured app, not something to
 * half-process.
 */
const Id = z.string().regex(/^[A-Z0-9]{2,32}$/, "not a Slack id");

export const SlackEventBody = z.object({
  type: z.literal("event_callback"),
  team_id: Id,
  event_id: z.string().min(1).max(64),
  event_time: z.number().optional(),
  event: z.looseObject({ type: z.string().min(1) }),
});

export const UrlVerificationBody = z.object({ type: z.literal("url_verification"), challenge: z.string().max(200) });

export const SlashCommandBody = z.object({
  command: z.string().regex(/^\/[\w-]{1,32}$/),
  text: TypedText(4000).default(""),
  team_id: Id,
  user_id: Id,
  channel_id: Id,
  response_url: z.url({ protocol: /^https?$/ }),
  trigger_id: z.string().min(1).max(200),
});

export const SslCheckBody = z.object({ ssl_check: z.literal("1") });

/** An interactive payload we act on: a button pressed in one of our messages (the hand-off's Release). */
export const BlockActionsPayload = z.object({
  type: z.literal("block_actions"),
  team: z.object({ id: Id }),
  user: z.object({ id: Id, team_id: Id.optional() }),
  channel: z.object({ id: Id }),
  message: z.looseObject({ ts: z.string().regex(/^\d+\.\d+$/), thread_ts: z.string().regex(/^\d+\.\d+$/).optional() }),
  actions: z.array(z.looseObject({ action_id: z.string().min(1).max(255) })).min(1),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsPayload>;

export type SlackEnvelope =
  | { kind: "event"; body: z.infer<typeof SlackEventBody> }
  | { kind: "command"; body: z.infer<typeof SlashCommandBody> }
  | { kind: "block_actions"; body: BlockActionsPayload }
  | { kind: "url_verification" }
  | { kind: "app_rate_limited" }
  | { kind: "ssl_check" };

/** The events we act on, with the fields we read. Others inside a valid envelope are acknowledged and ignored. */
export const MentionEvent = z.object({
  type: z.literal("app_mention"),
  user: Id,
  text: TypedText(40_000),
  ts: z.string().regex(/^\d+\.\d+$/),
  channel: Id,
  thread_ts: z.string().regex(/^\d+\.\d+$/).optional(),
  user_team: Id.optional(),
  team: Id.optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

export const DirectMessageEvent = MentionEvent.extend({
  type: z.literal("message"),
  channel_type: z.literal("im"),
});

/** A reply in a channel thread (`message.channels` / `message.groups`): how people answer hand-offs. */
export const ThreadReplyEvent = MentionEvent.extend({
  type: z.literal("message"),
  channel_type: z.enum(["channel", "group"]),
  thread_ts: z.string().regex(/^\d+\.\d+$/),
});

export type MentionEvent = z.infer<typeof MentionEvent>;
export type ThreadReplyEvent = z.infer<typeof ThreadReplyEvent>;
export type DirectMessageEvent = z.infer<typeof DirectMessageEvent>;
export type SlashCommand = z.infer<typeof SlashCommandBody>;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}

/** Classifies a verified body, or says in one line why it is not one we accept. */
export function parseSlackEnvelope(mediaType: string, raw: string): { ok: true; envelope: SlackEnvelope } | { ok: false; reason: string } {
  if (mediaType === "application/x-www-form-urlencoded") {
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (SslCheckBody.safeParse(form).success) return { ok: true, envelope: { kind: "ssl_check" } };
    if ("payload" in form) return parseInteractive(form.payload!);
    const command = SlashCommandBody.safeParse(form);
    return command.success ? { ok: true, envelope: { kind: "command", body: command.data } } : { ok: false, reason: firstIssue(command.error) };
  }
  if (mediaType !== "application/json") return { ok: false, reason: `unsupported content type '${mediaType || "none"}'` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "body is not valid JSON" };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type === "url_verification") {
    return UrlVerificationBody.safeParse(json).success ? { ok: true, envelope: { kind: "url_verification" } } : { ok: false, reason: "bad url_verification" };
  }
  if (type === "app_rate_limited") return { ok: true, envelope: { kind: "app_rate_limited" } };
  if (type !== "event_callback") return { ok: false, reason: `unknown request type '${String(type)}'` };
  const event = SlackEventBody.safeParse(json);
  return event.success ? { ok: true, envelope: { kind: "event", body: event.data } } : { ok: false, reason: firstIssue(event.error) };
}

function parseInteractive(payload: string): { ok: true; envelope: SlackEnvelope } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, reason: "interactive payload is not valid JSON" };
  }
  const actions = BlockActionsPayload.safeParse(json);
  return actions.success ? { ok: true, envelope: { kind: "block_actions", body: actions.data } } : { ok: false, reason: "interactive payloads other than button presses are not handled" };
}
