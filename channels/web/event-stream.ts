import type { Response } from "express";

export interface EventStream {
  /** Writes one named event with a JSON payload; a no-op once the client has gone. */
  send(event: string, data: unknown): void;
  /** True once the client disconnected or the stream was ended. */
  readonly closed: boolean;
  end(): void;
}

/**
 * Turns an HTTP response into a Server-Sent Events stream (`text/event-stream`): named events with JSON data,
 * and a comment line every `heartbeatMs` so proxies and load balancers do not cut an idle connection while
 * the answer is being prepared.
 */
export function openEventStream(res: Response, options: { heartbeatMs: number }): EventStream {
  res.status(200);
  res.set({
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    // nginx buffers proxied responses unless told otherwise, which would hold every event back.
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) res.write(": ping\n\n");
  }, options.heartbeatMs);
  heartbeat.unref();
  res.on("close", () => {
    closed = true;
    clearInterval(heartbeat);
  });

  return {
    send(event, data) {
      if (closed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get closed() {
      return closed;
    },
    end() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      res.end();
    },
  };
}
