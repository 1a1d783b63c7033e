import { seededRandom } from "../../src/core/random.js";
import { csvLine } from "./csv.js";
import { sigmoid } from "./logistic-regression.js";

/**
 * A synthetic lead export with a known generating model, for tests and benchmarks when the real data
 * is absent: numeric, categorical (one rare level), boolean, date and free-text columns plus an id.
 */
export const SYNTHETIC_HEADER = ["lead_id", "source", "visits", "minutes", "webinar", "created", "notes", "converted"] as const;

const SOURCES = ["referral", "web", "paid", "event", "outbound"] as const;
const SOURCE_EFFECT: Record<(typeof SOURCES)[number], number> = { referral: 1.2, web: 0.3, paid: -0.2, event: 0.4, outbound: -1 };
const NOTES = ["asked about pricing for the team plan", "wants a demo next week with the CFO", "downloaded the whitepaper on dashboards", "no reply after the first call so far", "evaluating two other vendors this quarter"];

export function syntheticLeadRows(count: number, seed = 7): string[][] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const source = i % 97 === 0 ? "partner" : SOURCES[Math.floor(random() * SOURCES.length)]!;
    const interest = normal();
    const visits = Math.max(0, Math.round(3 + 2 * interest + normal()));
    const minutes = Math.round(Math.exp(1.5 + 0.5 * interest + 0.5 * normal()) * 10) / 10;
    const webinar = random() < sigmoid(-1 + interest) ? "yes" : "no";
    const day = 1 + Math.floor(random() * 28);
    const created = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const logit = -1 + 0.9 * interest + (SOURCE_EFFECT[source as (typeof SOURCES)[number]] ?? 0.5) + (webinar === "yes" ? 0.6 : 0);
    const converted = random() < sigmoid(logit) ? "1" : "0";
    rows.push([
      `L${String(i + 1).padStart(6, "0")}`,
      source,
      random() < 0.03 ? "" : String(visits),
      String(minutes),
      webinar,
      created,
      `${NOTES[Math.floor(random() * NOTES.length)]} (call ${i + 1})`,
      converted,
    ]);
  }
  return rows;
}

export function syntheticLeadCsv(count: number, seed = 7, separator = ","): string {
  return [csvLine(SYNTHETIC_HEADER, separator), ...syntheticLeadRows(count, seed).map((r) => csvLine(r, separator))].join("\n") + "\n";
}
