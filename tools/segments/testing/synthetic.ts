import { createRandom } from "../../pipeline/random.js";
import { DAY_MS, type SegmentationData } from "../types.js";

export const AS_OF = Date.UTC(2026, 9, 1);

/**
 * Three kinds of accounts for tests: large frequent buyers, small steady ones, and lapsed ones that stopped
 * buying and talking to us half a year ago.
 */
export function syntheticSegmentation(perGroup = 10, seed = 1): SegmentationData {
  const random = createRandom(seed);
  const data: SegmentationData = { accounts: [], deals: [], activities: [] };
  const groups = [
    { name: "Big", employees: 5000, dealEveryDays: 30, value: 50_000, activeUntil: AS_OF, activityEveryDays: 3 },
    { name: "Small", employees: 80, dealEveryDays: 90, value: 8_000, activeUntil: AS_OF, activityEveryDays: 10 },
    { name: "Lapsed", employees: 600, dealEveryDays: 60, value: 20_000, activeUntil: AS_OF - 200 * DAY_MS, activityEveryDays: 7 },
  ];
  for (const g of groups) {
    for (let i = 0; i < perGroup; i++) {
      const id = `${g.name.toLowerCase()}_${i}`;
      data.accounts.push({
        id,
        name: `${g.name} Co ${i}`,
        sector: i % 2 ? "software" : "retail",
        region: i % 3 ? "EMEA" : "APAC",
        employees: Math.round(g.employees * (0.8 + 0.4 * random.next())),
        revenue: g.employees / 10,
        createdAt: AS_OF - 800 * DAY_MS,
      });
      let n = 0;
      for (let t = AS_OF - 720 * DAY_MS + i * DAY_MS; t < g.activeUntil - 20 * DAY_MS; t += g.dealEveryDays * DAY_MS) {
        const won = n++ % 3 !== 1;
        data.deals.push({ accountId: id, stage: won ? "won" : "lost", amount: g.value, closeValue: won ? g.value : null, engagedAt: t, closedAt: t + 20 * DAY_MS });
      }
      if (g.activeUntil === AS_OF) data.deals.push({ accountId: id, stage: "proposal", amount: g.value, closeValue: null, engagedAt: AS_OF - 10 * DAY_MS, closedAt: null });
      for (let t = AS_OF - 720 * DAY_MS; t < g.activeUntil; t += g.activityEveryDays * DAY_MS) {
        data.activities.push({ accountId: id, kind: random.next() < 0.5 ? "email" : "call", direction: "outbound", occurredAt: t });
      }
    }
  }
  return data;
}
