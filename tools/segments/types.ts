/** What segmentation reads from the CRM: accounts, their deals and their activities; times in epoch ms. */
export interface SegmentAccount {
  id: string;
  name: string;
  sector: string;
  region: string;
  employees: number | null;
  revenue: number | null;
  createdAt: number;
}

export interface SegmentDeal {
  accountId: string;
  stage: string;
  amount: number;
  closeValue: number | null;
  engagedAt: number;
  closedAt: number | null;
}

export interface SegmentActivity {
  accountId: string;
  kind: string;
  direction: "inbound" | "outbound" | null;
  occurredAt: number;
}

export interface SegmentationData {
  accounts: SegmentAccount[];
  deals: SegmentDeal[];
  activities: SegmentActivity[];
}

export const DAY_MS = 86_400_000;
