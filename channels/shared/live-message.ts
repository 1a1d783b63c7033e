import type { Logger } from "../../src/core/logger.js";

/** How a platform shows one message that changes: post it once, then edit it in place. */
export interface LiveMessageOps {
  post(text: string): Promise<void>;
  edit(text: string): Promise<void>;
}

export interface LiveMessageTiming {
  /** The message is posted only when the turn is still running this long after it started. */
  firstAfterMs: number;
  /** At most one edit per this interval (Slack: about one update a second per message). */
  intervalMs: number;
}

export interface LiveMessage {
  /** The text the message should show now; sent at the next allowed moment, older texts are skipped. */
  show(text: string): void;
  /** Stops further edits and waits for the one in flight. Resolves whether the message was posted. */
  settle(): Promise<boolean>;
}

/**
 * A message that follows a streamed answer under a platform's rate limit: nothing is posted for a quick turn,
 * never two calls at once, at most one call per interval, always the latest text. A failed post gives up on
 * the live message (the final answer is then posted on its own); a failed edit waits for the next change.
 */
export function createLiveMessage(ops: LiveMessageOps, timing: LiveMessageTiming, logger: Logger): LiveMessage {
  const started = Date.now();
  let desired: string | undefined;
  let shown: string | undefined;
  let posted = false;
  let broken = false;
  let stopped = false;
  let lastCallAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  function schedule(): void {
    if (stopped || broken || timer || inFlight || desired === undefined || desired === shown) return;
    const due = posted ? lastCallAt + timing.intervalMs : started + timing.firstAfterMs;
    timer = setTimeout(send, Math.max(0, due - Date.now()));
  }

  function send(): void {
    timer = undefined;
    if (stopped || desired === undefined || desired === shown) return;
    const text = desired;
    const call = posted ? ops.edit(text) : ops.post(text);
    inFlight = call
      .then(
        () => {
          posted = true;
          shown = text;
        },
        (error: unknown) => {
          if (!posted) broken = true;
          logger.warn({ err: error, step: posted ? "edit" : "post" }, "live message not updated");
        },
      )
      .finally(() => {
        lastCallAt = Date.now();
        inFlight = undefined;
        schedule();
      });
  }

  return {
    show(text) {
      desired = text;
      schedule();
    },
    async settle() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await inFlight;
      return posted;
    },
  };
}
