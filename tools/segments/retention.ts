import type { MigrationInput } from "./migration.js";

/** Why an account may move, in words, and what the owner should do about it. */
const REASONS: Record<MigrationInput, (value: number) => string | undefined> = {
  margin: () => "it sits close to the border with another segment",
  d_recency: (v) => (v > 0 ? "the time since its last win keeps growing" : undefined),
  d_frequency: (v) => (v < 0 ? "it buys less often than a period ago" : "it buys more often than a period ago"),
  d_monetary: (v) => (v < 0 ? "its spending fell over the last period" : "its spending rose over the last period"),
  d_open_pipeline: (v) => (v < 0 ? "its open pipeline shrank" : "new open pipeline appeared"),
  d_engagement: (v) => (v < 0 ? "engagement (calls, emails, meetings) is falling" : "engagement is rising"),
  recency: (v) => (v > 0 ? "no recent win" : undefined),
  engagement: (v) => (v < 0 ? "little recent engagement" : undefined),
};

/** A level and its change describe one topic; the stronger driver speaks for it, so reasons never contradict. */
const TOPIC: Record<MigrationInput, string> = {
  margin: "margin",
  d_recency: "recency",
  recency: "recency",
  d_frequency: "frequency",
  d_monetary: "monetary",
  d_open_pipeline: "pipeline",
  d_engagement: "engagement",
  engagement: "engagement",
};

export function migrationReasons(drivers: readonly { input: MigrationInput; value: number }[], limit = 3): string[] {
  const out: string[] = [];
  const topics = new Set<string>();
  for (const d of drivers) {
    if (topics.has(TOPIC[d.input])) continue;
    const r = REASONS[d.input](d.value);
    if (!r) continue;
    topics.add(TOPIC[d.input]);
    out.push(r);
    if (out.length === limit) break;
  }
  return out;
}

export type Direction = "down" | "up" | "sideways";

export function retentionActions(input: { probability: number; direction: Direction; destination: string; drivers: readonly { input: MigrationInput; value: number }[] }): string[] {
  const actions: string[] = [];
  const has = (name: MigrationInput, sign: 1 | -1) => input.drivers.some((d) => d.input === name && Math.sign(d.value) === sign);
  if (input.direction === "up") {
    actions.push(`treat it as an expansion opportunity: it is trending toward ${input.destination}; propose the next tier or an add-on`);
    return actions;
  }
  if (input.probability >= 0.5) actions.push("owner review this week: confirm the relationship and the account plan");
  if (has("d_engagement", -1) || has("engagement", -1)) actions.push("re-engage the main contact with a call or meeting, not another email");
  if (has("d_recency", 1) || has("recency", 1)) actions.push("start a renewal or upgrade conversation with a reason to act now");
  if (has("d_monetary", -1) || has("d_frequency", -1)) actions.push("run a value review (usage, outcomes, ROI) before the next buying decision");
  if (has("d_open_pipeline", -1)) actions.push("open an expansion opportunity so the account has a next step");
  if (actions.length === 0) actions.push(input.probability >= 0.3 ? `keep a monthly touchpoint: it could drift toward ${input.destination}` : "no action needed beyond the segment's usual programme");
  return actions.slice(0, 3);
}
