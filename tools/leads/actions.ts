export type Priority = "hot" | "warm" | "cold";

export const PRIORITIES: readonly Priority[] = ["hot", "warm", "cold"];

/** Probability cut-offs of a model: at or above `hot` is hot, at or above `warm` warm, else cold. */
export function priorityOf(probability: number, bands: { hot: number; warm: number }): Priority {
  if (probability >= bands.hot) return "hot";
  if (probability >= bands.warm) return "warm";
  return "cold";
}

/** 0–100, the conversion probability in percent. */
export function leadScoreOf(probability: number): number {
  return Math.round(Math.min(1, Math.max(0, probability)) * 100);
}

const ACTIONS: Record<Priority, readonly string[]> = {
  hot: ["Call within 24 hours", "Offer a demo slot this week", "Loop in the account executive"],
  warm: ["Send a tailored follow-up with a relevant case study", "Call within 3 business days", "Invite to the next webinar"],
  cold: ["Keep in the nurture email sequence", "Re-score when new activity arrives"],
};

export function nextBestActions(priority: Priority): readonly string[] {
  return ACTIONS[priority];
}
