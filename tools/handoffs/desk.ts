import type { Logger } from "../../src/core/logger.js";
import type { HandoffKind, HandoffNotifier, HandoffStore, HandoffTicket } from "../../src/core/ports.js";

export interface OpenedHandoff extends HandoffTicket {
  /** True when the request was added to the hand-off already open in this conversation. */
  appended: boolean;
}

export interface HandoffDesk {
  open(input: { conversationId: string; kind: HandoffKind; summary: string; reason?: string }): Promise<OpenedHandoff>;
}

/**
 * What a second request adds to an open hand-off: the summary lines people have not seen yet (new quotes,
 * new details), so the thread gets a note rather than the whole summary again.
 */
export function noteFor(existing: Pick<HandoffTicket, "summary">, summary: string): string {
  const seen = new Set(existing.summary.split("\n").map((l) => l.trim()));
  const fresh = summary
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !seen.has(l) && !l.startsWith("Channel:") && l !== "What they said (most recent last):");
  return fresh.length ? fresh.join("\n") : "The visitor asked again for a person.";
}

/**
 * Opens hand-offs: the row first (in one transaction; one ticket per conversation while it is open), then the
 * people are told — a new hand-off is announced, details added later are posted as notes in the same thread.
 */
export function createHandoffDesk(deps: { store: HandoffStore; notifier: HandoffNotifier; logger: Logger }): HandoffDesk {
  const log = deps.logger.child({ component: "handoffs" });
  return {
    async open(input) {
      const { ticket, appended, note } = await deps.store.openOrAppend({ ...input, note: (existing) => noteFor(existing, input.summary) });
      if (appended) {
        await deps.notifier.update(ticket, { kind: "details", text: note ?? input.summary });
        log.info({ handoff: ticket.id, kind: input.kind }, "hand-off details added");
        return { ...ticket, appended: true };
      }
      const thread = await deps.notifier.announce(ticket);
      if (thread) {
        try {
          await deps.store.setThread(ticket.id, thread);
        } catch (error) {
          log.error({ err: error, handoff: ticket.id }, "hand-off thread not saved: replies in it will not reach the visitor");
        }
      }
      log.info({ handoff: ticket.id, kind: ticket.kind, announced: Boolean(thread) }, "hand-off opened");
      return { ...ticket, ...(thread ? { thread } : {}), appended: false };
    },
  };
}
