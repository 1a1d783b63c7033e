import type { Logger } from "../core/logger.js";

const RETRY_DELAYS_MS = [25, 100, 400];

/**
 * Appends a finished turn to the message log, which the checkpoint (already written at the end of the graph
 * run) must agree with. A passing failure is retried; if the log still cannot be written the checkpoint is
 * put back to where the turn started and the turn fails, so the client may send the message again and
 * neither record holds a turn the other lacks.
 */
export async function appendTurnOrRollBack(
  deps: {
    conversations: { rollBackCheckpoint(threadId: string): Promise<void> };
    logger: Logger;
    sleep?: (ms: number) => Promise<void>;
  },
  threadId: string,
  append: () => Promise<void>,
): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastError: unknown;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      await append();
      return;
    } catch (error) {
      lastError = error;
      if (attempt < RETRY_DELAYS_MS.length) await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  }
  deps.logger.error({ err: lastError, thread: threadId }, "turn log not written; rolling the checkpoint back");
  try {
    await deps.conversations.rollBackCheckpoint(threadId);
  } catch (error) {
    // Both writes failed (the database is likely down): the next turn starts from the newer checkpoint.
    deps.logger.error({ err: error, thread: threadId }, "checkpoint roll-back failed; log and checkpoint differ by one turn");
  }
  throw lastError;
}
