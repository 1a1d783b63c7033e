import { seedDemoData } from "../src/demo/seed.js";
import { createMarketingRepo } from "../src/infra/postgres/marketing-repo.js";
import { migrate } from "../src/infra/postgres/migrate.js";
import { openDatabase } from "../src/infra/postgres/pool.js";
import { compareAttribution } from "../tools/journey/attribution.js";
import { pathsOf } from "../tools/journey/journeys.js";
import { learnJourneyModel, type JourneyModel } from "../tools/journey/nba.js";

/**
 * Journeys of the demo CRM (seeded into an in-memory database): stage transitions, touch effectiveness, best
 * response windows, and position-based vs Markov attribution of won deals over channels and touch types.
 */
export interface JourneyEvalReport {
  model: JourneyModel;
  closed: number;
  won: number;
  byTouchType: ReturnType<typeof compareAttribution>["rows"];
}

export async function runJourneyEval(): Promise<JourneyEvalReport> {
  const db = await openDatabase({ dataDir: "", inMemory: true });
  try {
    await migrate(db.pool);
    await seedDemoData(db.pool);
    const journeys = await createMarketingRepo(db.pool).journeys();
    const closed = journeys.filter((j) => j.outcome !== "open");
    return {
      model: learnJourneyModel(journeys),
      closed: closed.length,
      won: closed.filter((j) => j.outcome === "won").length,
      byTouchType: compareAttribution(pathsOf(journeys, (t) => (t.direction ? `${t.channel}:${t.direction}` : t.channel))).rows,
    };
  } finally {
    await db.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatJourneyReport(r: JourneyEvalReport): string {
  const m = r.model;
  return [
    `Demo CRM journeys: ${m.journeys} deals, ${r.closed} closed (${r.won} won)`,
    "Stage transitions (probability, median days in stage):",
    ...m.transitions.map((t) => `  ${t.from} → ${t.to}: ${pct(t.probability)} (${t.count} deals), median ${t.medianDays.toFixed(0)} d in ${t.from}`),
    "Touch effectiveness (win rate of closed deals with vs without):",
    ...m.effects.map((e) => `  ${e.touch}: ${pct(e.winRateWith)} vs ${pct(e.winRateWithout)} (${e.lift >= 0 ? "+" : ""}${(e.lift * 100).toFixed(1)} pp, ${e.journeys} deals)`),
    "Best response windows (outbound, UTC):",
    ...[...new Set(m.windows.map((w) => w.channel))].map((c) => {
      const best = m.windows.filter((w) => w.channel === c && w.attempts >= 30)[0];
      return best ? `  ${c}: ${best.window} ${pct(best.responseRate)} vs ${pct(best.channelRate)} any time (${best.attempts} attempts)` : `  ${c}: too few attempts`;
    }),
    "Attribution of won deals by channel (position-based 40/20/40 vs Markov removal effect):",
    ...m.attribution.map((a) => `  ${a.channel}: ${pct(a.positionBased)} vs ${pct(a.markov)} (removal effect ${a.removalEffect.toFixed(3)})`),
    "By touch type:",
    ...r.byTouchType.map((a) => `  ${a.channel}: ${pct(a.positionBased)} vs ${pct(a.markov)}`),
  ].join("\n");
}
