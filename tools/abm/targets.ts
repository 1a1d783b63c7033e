import type { AccountRecord, Journey } from "../../src/core/marketing.js";

/** The ideal customer profile a search narrows to; empty fields mean "any". */
export interface Icp {
  sectors?: string[];
  regions?: string[];
  minEmployees?: number;
  maxEmployees?: number;
}

export interface TargetAccount {
  accountId: string;
  account: string;
  sector: string;
  region: string;
  employees: number | null;
  status: "customer" | "open opportunity" | "prospect";
  /** 0..100: firmographic similarity to accounts that bought (sector, size, revenue, region). */
  fit: number;
  /** 0..100: recent engagement, decayed with a 30-day half-life, as a percentile among accounts. */
  intent: number;
  /** The two kept apart; `priority` only orders the list (their geometric mean). */
  priority: number;
  fitReasons: string[];
  intentSignals: string[];
}

type Signal = { accountId: string; channel: string; direction: "inbound" | "outbound" | null; at: Date };

const DAY = 86_400_000;
const log1 = (x: number | null) => Math.log(1 + Math.max(0, x ?? 0));

/**
 * Fit: mean similarity to the 5 most similar won accounts (other than itself), where similarity multiplies
 * Gaussian kernels on log employees and log revenue (bandwidth: one standard deviation among won accounts)
 * with 1 for the same sector (0.35 otherwise) and 1 for the same region (0.8 otherwise). Intent: inbound
 * touches weigh 1, outbound answered-or-not 0.3, webinar and chat 1.5, each decayed by age.
 */
export function scoreTargets(input: { accounts: readonly AccountRecord[]; journeys: readonly Journey[]; signals: readonly Signal[]; now: Date; icp?: Icp }): TargetAccount[] {
  const { accounts, journeys, now } = input;
  const wonBy = new Map<string, number>();
  const openBy = new Set<string>();
  for (const j of journeys) {
    if (j.outcome === "won") wonBy.set(j.accountId, (wonBy.get(j.accountId) ?? 0) + 1);
    if (j.outcome === "open") openBy.add(j.accountId);
  }
  const won = accounts.filter((a) => wonBy.has(a.id));
  const sd = (xs: number[]) => {
    const m = xs.reduce((s, v) => s + v, 0) / (xs.length || 1);
    return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length || 1)) || 1;
  };
  const sdEmp = sd(won.map((a) => log1(a.employees)));
  const sdRev = sd(won.map((a) => log1(a.revenueMusd)));
  const similarity = (a: AccountRecord, b: AccountRecord) =>
    Math.exp(-0.5 * ((log1(a.employees) - log1(b.employees)) / sdEmp) ** 2) *
    Math.exp(-0.5 * ((log1(a.revenueMusd) - log1(b.revenueMusd)) / sdRev) ** 2) *
    (a.sector === b.sector ? 1 : 0.35) *
    (a.region === b.region ? 1 : 0.8);

  const intentRaw = new Map<string, number>();
  const signalNotes = new Map<string, Map<string, number>>();
  for (const s of input.signals) {
    const age = (now.getTime() - s.at.getTime()) / DAY;
    if (age < 0 || age > 180) continue;
    const weight = s.channel === "webinar" || s.channel === "chat" || s.channel === "web" ? 1.5 : s.direction === "inbound" ? 1 : 0.3;
    intentRaw.set(s.accountId, (intentRaw.get(s.accountId) ?? 0) + weight * Math.pow(0.5, age / 30));
    if (age <= 30 && (s.direction === "inbound" || weight > 1)) {
      const notes = signalNotes.get(s.accountId) ?? new Map<string, number>();
      notes.set(s.channel, (notes.get(s.channel) ?? 0) + 1);
      signalNotes.set(s.accountId, notes);
    }
  }
  const sortedIntent = [...accounts.map((a) => intentRaw.get(a.id) ?? 0)].sort((x, y) => x - y);
  const percentile = (v: number) => (v <= 0 ? 0 : (sortedIntent.filter((x) => x <= v).length / sortedIntent.length) * 100);

  const icp = input.icp ?? {};
  const lower = (xs?: string[]) => xs?.map((x) => x.toLowerCase());
  const sectors = lower(icp.sectors);
  const regions = lower(icp.regions);
  return accounts
    .filter((a) => !sectors?.length || sectors.includes(a.sector.toLowerCase()))
    .filter((a) => !regions?.length || regions.includes(a.region.toLowerCase()))
    .filter((a) => icp.minEmployees === undefined || (a.employees ?? 0) >= icp.minEmployees)
    .filter((a) => icp.maxEmployees === undefined || (a.employees ?? 0) <= icp.maxEmployees)
    .map((a): TargetAccount => {
      const peers = won.filter((b) => b.id !== a.id).map((b) => ({ b, s: similarity(a, b) })).sort((x, y) => y.s - x.s).slice(0, 5);
      const fit = peers.length ? (peers.reduce((s, p) => s + p.s, 0) / peers.length) * 100 : 0;
      const intent = percentile(intentRaw.get(a.id) ?? 0);
      const notes = signalNotes.get(a.id);
      return {
        accountId: a.id,
        account: a.name,
        sector: a.sector,
        region: a.region,
        employees: a.employees,
        status: wonBy.has(a.id) ? "customer" : openBy.has(a.id) ? "open opportunity" : "prospect",
        fit: Math.round(fit),
        intent: Math.round(intent),
        priority: Math.round(Math.sqrt(fit * intent)),
        fitReasons: peers.slice(0, 3).map((p) => `like ${p.b.name} (${p.b.sector}, ${p.b.employees ?? "?"} employees; similarity ${p.s.toFixed(2)})`),
        intentSignals: notes ? [...notes].sort((x, y) => y[1] - x[1]).map(([c, n]) => `${n} ${c} in the last 30 days`) : ["no inbound engagement in the last 30 days"],
      };
    })
    .sort((x, y) => y.priority - x.priority || y.fit - x.fit || x.account.localeCompare(y.account));
}
