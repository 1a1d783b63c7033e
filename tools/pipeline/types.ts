/** The deal history every pipeline computation works on, assembled once from CRM rows (DB, CSV or demo). */

export const OPEN_STAGES = ["prospecting", "qualification", "proposal", "negotiation"] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type DealStage = OpenStage | "won" | "lost";

export const DAY_MS = 86_400_000;

export function isOpenStage(stage: string): stage is OpenStage {
  return (OPEN_STAGES as readonly string[]).includes(stage);
}

export interface StageSpan {
  stage: DealStage;
  enteredAt: number;
  /** Null while the deal is still in this stage (and for the final won/lost span). */
  exitedAt: number | null;
}

/** One deal with everything known about it; times are epoch milliseconds. */
export interface PipelineDeal {
  id: string;
  name: string;
  accountId: string;
  account: string;
  sector: string;
  accountRegion: string;
  employees: number | null;
  revenue: number | null;
  product: string;
  listPrice: number | null;
  repId: string;
  rep: string;
  manager: string | null;
  /** The selling team's region (the rep's), which forecasts group by. */
  region: string;
  stage: DealStage;
  amount: number;
  closeValue: number | null;
  engagedAt: number;
  stageEnteredAt: number;
  expectedCloseAt: number | null;
  closedAt: number | null;
  fromLead: boolean;
  nextStep: string | null;
  /** Stage spans in time order. */
  history: StageSpan[];
  /** Times of the deal's logged activities, ascending. */
  activities: number[];
}

export function isClosed(deal: Pick<PipelineDeal, "stage">): boolean {
  return deal.stage === "won" || deal.stage === "lost";
}
