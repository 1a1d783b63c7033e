import { createHash } from "node:crypto";
import { SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from "@opentelemetry/api";

export type { Tracer };

/**
 * Runs fn inside an active span, so spans started within it (awaits included) nest under it. A failure is
 * recorded by its error class only: messages can quote what a person wrote, and spans carry no message text.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  options: { kind?: SpanKind; isFailure?: (error: unknown) => boolean } = {},
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setAttribute("error.type", errorType(error));
      if (options.isFailure?.(error) ?? true) span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

export function errorType(error: unknown): string {
  return error instanceof Error ? error.constructor.name || error.name : typeof error;
}

/** A stable, non-reversible stand-in for an identifier that may be a phone number or an e-mail. */
export function hashId(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 16);
}
