import type { SegmentationData } from "./types.js";

/** CRM rows (DB, import plan or demo generator) as segmentation data. Timestamps: Date or ISO string. */
type Time = string | Date;

export interface SegmentRows {
  accounts: readonly { id: string; name: string; sector: string; region: string; employees: number | null; revenue_musd: number | string | null; created_at?: Time | null }[];
  deals: readonly { account_id: string; stage: string; amount: number | string; close_value: number | string | null; engaged_at: Time; closed_at: Time | null }[];
  activities: readonly { account_id: string | null; kind: string; direction: string | null; occurred_at: Time }[];
}

const ms = (t: Time) => (t instanceof Date ? t.getTime() : Date.parse(t));
const num = (v: number | string | null) => (v === null || v === "" ? null : Number(v));

export function segmentationData(rows: SegmentRows): SegmentationData {
  return {
    accounts: rows.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      sector: a.sector,
      region: a.region,
      employees: a.employees === null ? null : Number(a.employees),
      revenue: num(a.revenue_musd),
      createdAt: a.created_at ? ms(a.created_at) : -Infinity,
    })),
    deals: rows.deals.map((d) => ({
      accountId: d.account_id,
      stage: d.stage,
      amount: Number(d.amount),
      closeValue: num(d.close_value),
      engagedAt: ms(d.engaged_at),
      closedAt: d.closed_at === null ? null : ms(d.closed_at),
    })),
    activities: rows.activities
      .filter((a): a is typeof a & { account_id: string } => a.account_id !== null)
      .map((a) => ({
        accountId: a.account_id,
        kind: a.kind,
        direction: a.direction === "inbound" || a.direction === "outbound" ? a.direction : null,
        occurredAt: ms(a.occurred_at),
      })),
  };
}
