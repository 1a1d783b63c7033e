import { DateTime } from "luxon";
import type { MarketingEvent, Playbook } from "./schema.js";

/** What a playbook needs to know beyond the event, looked up by the runner. */
export interface CriteriaFacts {
  consentWithdrawn: boolean;
  segment?: string;
  /** Earlier firings of this playbook for this contact within the cap window. */
  recentFirings: number;
}

export type Verdict = { fire: true; deferUntil?: Date } | { fire: false; reason: string };

function valueAt(event: MarketingEvent, path: string): unknown {
  if (!path.startsWith("data.")) return (event as Record<string, unknown>)[path];
  let v: unknown = event.data;
  for (const key of path.slice(5).split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function holds(value: unknown, condition: unknown): boolean {
  if (condition !== null && typeof condition === "object") {
    if ("in" in condition) return (condition as { in: unknown[] }).in.some((c) => String(c).toLowerCase() === String(value ?? "").toLowerCase());
    const n = typeof value === "number" ? value : Number(value);
    if (value === undefined || value === null || value === "" || !Number.isFinite(n)) return false;
    const c = condition as { gte?: number; lte?: number; gt?: number; lt?: number };
    return (c.gte === undefined || n >= c.gte) && (c.lte === undefined || n <= c.lte) && (c.gt === undefined || n > c.gt) && (c.lt === undefined || n < c.lt);
  }
  if (typeof condition === "string") return String(value ?? "").toLowerCase() === condition.toLowerCase();
  return value === condition;
}

export function triggers(playbook: Playbook, event: MarketingEvent): boolean {
  if (!playbook.enabled || playbook.trigger.event !== event.type) return false;
  return Object.entries(playbook.trigger.where).every(([path, c]) => holds(valueAt(event, path), c));
}

/** The end of quiet hours if `at` falls inside them (a window may span midnight), else undefined. */
export function quietUntil(at: Date, quiet: { start: string; end: string; timeZone: string }): Date | undefined {
  const local = DateTime.fromJSDate(at, { zone: quiet.timeZone });
  if (!local.isValid) return undefined;
  const [sh, sm] = quiet.start.split(":").map(Number) as [number, number];
  const [eh, em] = quiet.end.split(":").map(Number) as [number, number];
  const minutes = local.hour * 60 + local.minute;
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  const inside = start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return undefined;
  let until = local.set({ hour: eh, minute: em, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}

/**
 * Whether a triggered playbook fires for the event: thresholds, segment, consent and frequency cap decide;
 * quiet hours only defer what reaches the contact (sends), they never drop the firing.
 */
export function evaluateCriteria(playbook: Playbook, event: MarketingEvent, facts: CriteriaFacts): Verdict {
  const c = playbook.criteria;
  for (const [path, condition] of Object.entries(c.thresholds)) {
    if (!holds(valueAt(event, path), condition)) return { fire: false, reason: `threshold ${path} not met (${JSON.stringify(valueAt(event, path) ?? null)})` };
  }
  if (c.segments?.length && !c.segments.some((s) => s.toLowerCase() === facts.segment?.toLowerCase())) {
    return { fire: false, reason: `segment ${facts.segment ?? "unknown"} not in ${c.segments.join(", ")}` };
  }
  const reaches = playbook.actions.some((a) => a.type === "send_content");
  if (reaches && c.requireConsent && (facts.consentWithdrawn || !event.contactId)) {
    return { fire: false, reason: event.contactId ? "contact withdrew consent" : "no contact to check consent for" };
  }
  if (c.frequencyCap && facts.recentFirings >= c.frequencyCap.max) {
    return { fire: false, reason: `frequency cap ${c.frequencyCap.max} per ${c.frequencyCap.perDays} days reached` };
  }
  const deferUntil = c.quietHours ? quietUntil(event.occurredAt, c.quietHours) : undefined;
  return deferUntil ? { fire: true, deferUntil } : { fire: true };
}
