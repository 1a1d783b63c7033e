import type { Journey } from "../../src/core/marketing.js";
import type { Path } from "./attribution.js";

/** A touchpoint type: channel, with the direction when there is one ("email:outbound", "demo"). */
export function touchType(t: { channel: string; direction: "inbound" | "outbound" | null }): string {
  return t.direction ? `${t.channel}:${t.direction}` : t.channel;
}

/** Closed journeys as attribution paths over channels (touches before the close). */
export function pathsOf(journeys: readonly Journey[], label: (t: Journey["touches"][number]) => string = (t) => t.channel): Path[] {
  return journeys
    .filter((j) => j.outcome !== "open" && j.touches.length > 0)
    .map((j) => ({ touches: j.touches.map(label), converted: j.outcome === "won" }));
}

export interface StageTransition {
  from: string;
  to: string;
  count: number;
  probability: number;
  medianDays: number;
}

/** Stage → next stage counts and probabilities from stage histories, with the median days spent before moving. */
export function stageTransitions(journeys: readonly Journey[]): StageTransition[] {
  const counts = new Map<string, Map<string, number[]>>();
  for (const j of journeys) {
    for (let i = 0; i + 1 < j.stages.length; i++) {
      const from = j.stages[i]!;
      const to = j.stages[i + 1]!;
      let row = counts.get(from.stage);
      if (!row) counts.set(from.stage, (row = new Map()));
      const days = (to.at.getTime() - from.at.getTime()) / 86_400_000;
      (row.get(to.stage) ?? row.set(to.stage, []).get(to.stage)!).push(days);
    }
  }
  const out: StageTransition[] = [];
  for (const [from, row] of counts) {
    const total = [...row.values()].reduce((s, v) => s + v.length, 0);
    for (const [to, days] of row) {
      const sorted = [...days].sort((a, b) => a - b);
      out.push({ from, to, count: days.length, probability: days.length / total, medianDays: sorted[Math.floor(sorted.length / 2)] ?? 0 });
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from) || b.count - a.count);
}

export interface TouchEffect {
  touch: string;
  /** Closed journeys that had this touch, and their win rate. */
  journeys: number;
  winRateWith: number;
  winRateWithout: number;
  /** winRateWith − winRateWithout, in percentage points / 100. */
  lift: number;
}

/** Win rate of closed journeys with and without each touch type: association, not proof of cause. */
export function touchEffectiveness(journeys: readonly Journey[], minJourneys = 10): TouchEffect[] {
  const closed = journeys.filter((j) => j.outcome !== "open");
  const types = new Set(closed.flatMap((j) => j.touches.map(touchType)));
  const out: TouchEffect[] = [];
  for (const type of types) {
    let withN = 0;
    let withWon = 0;
    let withoutN = 0;
    let withoutWon = 0;
    for (const j of closed) {
      const has = j.touches.some((t) => touchType(t) === type);
      const won = j.outcome === "won" ? 1 : 0;
      if (has) {
        withN += 1;
        withWon += won;
      } else {
        withoutN += 1;
        withoutWon += won;
      }
    }
    if (withN < minJourneys || withoutN < minJourneys) continue;
    const a = withWon / withN;
    const b = withoutWon / withoutN;
    out.push({ touch: type, journeys: withN, winRateWith: a, winRateWithout: b, lift: a - b });
  }
  return out.sort((x, y) => y.lift - x.lift);
}

export interface ResponseWindow {
  channel: string;
  /** Hours of day (UTC) of the band, [from, to). */
  window: string;
  attempts: number;
  responseRate: number;
  channelRate: number;
}

const BANDS: [number, number][] = [
  [6, 9],
  [9, 12],
  [12, 15],
  [15, 18],
  [18, 22],
];
const RESPONDED = new Set(["connected", "replied", "completed"]);
const UNANSWERED = new Set(["no answer", "left voicemail", "no reply", "no-show"]);

/** Response rate of outbound touches (calls connected, emails replied) per channel and time-of-day band. */
export function responseWindows(journeys: readonly Journey[]): ResponseWindow[] {
  const stats = new Map<string, { n: number; ok: number }>();
  const bump = (key: string, ok: boolean) => {
    const s = stats.get(key) ?? { n: 0, ok: 0 };
    s.n += 1;
    s.ok += ok ? 1 : 0;
    stats.set(key, s);
  };
  for (const j of journeys) {
    for (const t of j.touches) {
      if (t.direction !== "outbound" || !t.outcome || !(RESPONDED.has(t.outcome) || UNANSWERED.has(t.outcome))) continue;
      const ok = RESPONDED.has(t.outcome);
      bump(t.channel, ok);
      const h = t.at.getUTCHours();
      const band = BANDS.find(([a, b]) => h >= a && h < b);
      if (band) bump(`${t.channel}@${band[0]}-${band[1]}`, ok);
    }
  }
  const out: ResponseWindow[] = [];
  for (const [key, s] of stats) {
    const [channel, window] = key.split("@");
    if (!window) continue;
    const c = stats.get(channel!)!;
    out.push({ channel: channel!, window: `${window.replace("-", ":00–")}:00 UTC`, attempts: s.n, responseRate: s.ok / s.n, channelRate: c.ok / c.n });
  }
  return out.sort((a, b) => a.channel.localeCompare(b.channel) || b.responseRate - a.responseRate);
}
