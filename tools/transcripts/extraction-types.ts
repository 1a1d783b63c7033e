export const OBJECTION_TYPES = ["price", "competitor", "timing", "authority", "security", "status_quo"] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];

/** Everything extracted carries the sentence it came from, verbatim (annotations removed). */
export interface Quoted {
  quote: string;
  speaker: string;
  /** Zero-based turn index. */
  turn: number;
}

export interface Objection extends Quoted {
  type: ObjectionType;
  /** Did the rep respond to it in their next turn (acknowledged and addressed it)? */
  answered: boolean;
  response?: string;
}

export interface NextStep extends Quoted {
  action: string;
  owner: "rep" | "customer" | "both";
  ownerName: string;
  /** The date words as said ("Thursday at 2pm", "next week"), or null. */
  due: string | null;
}

export interface Extraction {
  objections: Objection[];
  painPoints: Quoted[];
  competitors: (Quoted & { name: string })[];
  budget: Quoted[];
  timeline: Quoted[];
  decisionMakers: (Quoted & { who: string })[];
  nextSteps: NextStep[];
  source: "local" | "llm";
}
