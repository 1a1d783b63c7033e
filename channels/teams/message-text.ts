import { cleanInboundText } from "../../src/core/inbound-text.js";
import { mentionsOf, type TeamsMessage } from "./activity.js";

const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_m, name: string) => ENTITIES[name]!);
}

/**
 * The question a Teams user typed, as plain text. In channels and group chats the bot is addressed with an
 * @mention that arrives inside the text (`<at>Salesgraph</at> how is Globex?`); the mention entities name the
 * exact markup, so the bot's own mention is removed and other people's keep their names. Teams may also wrap
 * formatted messages in HTML. Control characters are removed; text with a lone surrogate reads as empty
 * (refused with the empty-message notice) — see src/core/inbound-text.ts.
 */
export function messageText(message: TeamsMessage): string {
  const clean = cleanInboundText(message.text);
  if (!clean.ok) return "";
  let text = clean.text;
  for (const mention of mentionsOf(message)) {
    if (mention.mentioned?.id === message.recipient.id && mention.text) text = text.split(mention.text).join(" ");
  }
  text = text
    .replace(/<at[^>]*>(.*?)<\/at>/gi, "$1")
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
