import { z } from "zod";
import { CHANNELS, ROLES, type Channel, type Role } from "../../core/domain.js";
import { BadInputError } from "../../core/errors.js";

const RouteLine = z.object({
  text: z.string().min(1, "text must not be empty"),
  channel: z.enum(CHANNELS).optional(),
  role: z.enum(ROLES).optional(),
});

export interface RouteItem {
  text: string;
  channel: Channel;
  role: Role;
  /** The line as given, printed back with `intent` added. */
  raw: Record<string, unknown>;
}

/** Parses `route --in` input: one JSON object per line; blank lines are skipped; the first bad line fails. */
export function parseRouteLines(source: string): RouteItem[] {
  const items: RouteItem[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BadInputError(`line ${index + 1}: not valid JSON`);
    }
    const parsed = RouteLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadInputError(`line ${index + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    const channel = parsed.data.channel ?? "web";
    const role = parsed.data.role ?? (channel === "slack" || channel === "teams" ? "rep" : "prospect");
    items.push({ text: parsed.data.text, channel, role, raw: value as Record<string, unknown> });
  });
  return items;
}

const LabelledLine = z.object({
  text: z.string().min(1, "text must not be empty"),
  intent: z.string().trim().min(1, "intent must not be empty"),
});

/** `route train` input: one `{text, intent}` object per line; blank lines skipped; the first bad line fails. */
export function parseLabelledLines(source: string, file: string): { text: string; label: string }[] {
  const lines: { text: string; label: string }[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BadInputError(`${file} line ${index + 1}: not valid JSON`);
    }
    const parsed = LabelledLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadInputError(`${file} line ${index + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    lines.push({ text: parsed.data.text, label: parsed.data.intent });
  });
  if (lines.length === 0) throw new BadInputError(`${file}: no {text, intent} lines`);
  return lines;
}
