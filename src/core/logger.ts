import { pino, type Logger } from "pino";

export type { Logger };

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;

/** Masks emails and phone numbers so PII never reaches the logs. */
export function redactPii(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "salesgraph" },
      redact: {
        paths: ["*.text", "*.email", "*.phone", "req.headers.authorization", "*.password", "*.token"],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination(2),
  );
}

export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
