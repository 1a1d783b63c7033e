/** Expected failures. Mapped to HTTP status and CLI exit codes in one place each (server.ts, cli.ts). */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends AppError {
  constructor(message: string) {
    super(message, 400, "bad_input");
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, "not_found");
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(message, 401, "unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(message, 403, "forbidden");
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, "payload_too_large");
  }
}

/** Raised when an actor tries to reach a tool or data outside its audience. */
export class AccessDeniedError extends AppError {
  constructor(message: string) {
    super(message, 403, "access_denied");
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The conversation is busy with another turn (in this process or another) for longer than the lock timeout. */
export class ConversationBusyError extends AppError {
  constructor(message = "this conversation is still answering an earlier message; try again in a moment") {
    super(message, 409, "conversation_busy");
  }
}

/** No new hand-off now: this visitor has too many open, or the deployment opens too many a minute. */
export class HandoffLimitError extends AppError {
  constructor(readonly limit: "visitor" | "rate") {
    super(limit === "visitor" ? "too many open requests for a person from this visitor" : "too many new requests for a person right now", 429, "handoff_limited");
  }
}
