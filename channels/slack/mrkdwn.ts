/** Slack treats &, < and > as control characters in mrkdwn and plain text alike. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Turns the Markdown a language model writes into Slack mrkdwn: `**bold**` → `*bold*`, `[t](url)` → `<url|t>`,
 * headings → bold lines, `-`/`*` bullets → `•`. Everything else is escaped, so a message cannot inject
 * mentions such as `<!channel>`.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)|]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`)
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, "*$1*")
    .replace(/^([ \t]*)[-*+][ \t]+/gm, "$1• ")
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, "*$1*")
    .replace(/__(?=\S)([^_\n]+?)__/g, "_$1_")
    .replace(/~~(?=\S)([^~\n]+?)~~/g, "~$1~");
}

/** Cuts text to at most `max` characters, ending with an ellipsis when shortened. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * What the user typed, from Slack's wire format: drops leading bot mentions, turns `<url|label>`, `<#C1|name>`
 * and `<@U1>` into readable text and undoes Slack's &amp; &lt; &gt; escaping.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, "")
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<((?:https?|mailto):[^>]+)>/g, "$1")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}
