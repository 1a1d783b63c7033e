import type { Logger } from "../../src/core/logger.js";
import type { HandoffNotifier } from "../../src/core/ports.js";

/**
 * Several notifiers as one (Slack and Teams). Each is tried on its own; a failure is logged with the hand-off
 * id and never reaches the prospect's turn — the hand-off row is already written and `GET /api/handoffs`
 * lists it. The first thread returned (Slack's) is the one people answer in.
 */
export function combineHandoffNotifiers(notifiers: readonly { name: string; notifier: HandoffNotifier }[], logger: Logger): HandoffNotifier {
  const log = logger.child({ component: "handoff-notifier" });
  return {
    async announce(ticket) {
      const threads = await Promise.all(
        notifiers.map(({ name, notifier }) =>
          notifier.announce(ticket).catch((error: unknown) => {
            log.error({ err: error, handoff: ticket.id, notifier: name }, "hand-off not announced");
            return undefined;
          }),
        ),
      );
      return threads.find((t) => t !== undefined);
    },
    async update(ticket, update) {
      await Promise.all(
        notifiers.map(({ name, notifier }) =>
          notifier.update(ticket, update).catch((error: unknown) => {
            log.error({ err: error, handoff: ticket.id, notifier: name, update: update.kind }, "hand-off update not posted");
          }),
        ),
      );
    },
  };
}
