import { MarketingEvent } from "./schema.js";

export class EventStreamError extends Error {}

/** A recorded event stream: JSON Lines, one event per line; blank lines and `#` comments are skipped. */
export function parseEventStream(text: string): MarketingEvent[] {
  const events: MarketingEvent[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      throw new EventStreamError(`line ${i + 1}: not JSON`);
    }
    const parsed = MarketingEvent.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EventStreamError(`line ${i + 1}: ${issue.path.join(".") || "event"}: ${issue.message}`);
    }
    events.push(parsed.data);
  }
  return events;
}
