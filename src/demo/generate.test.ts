import { beforeAll, describe, expect, it } from "vitest";
import { OPEN_STAGES, PRODUCTS, REGIONS } from "./catalog.js";
import { DEFAULT_SEED, generateDemoData } from "./generate.js";
import { DEFAULT_NOW } from "./time.js";
import type { DealRow, DemoData } from "./types.js";

const NOW = new Date("2026-11-01T00:00:00Z");
const NOW_MS = NOW.getTime();
const DAY = 86_400_000;

let data: DemoData;
beforeAll(() => {
  data = generateDemoData({ seed: 7, now: NOW });
});

const ms = (iso: string) => Date.parse(iso);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const rate = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length / xs.length;

/** Rank-based AUC: the chance a random positive scores above a random negative. */
function auc(scores: number[], labels: boolean[]): number {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j += 1;
    for (let k = i; k < j; k += 1) if (order[k]![1]) (rankSum += (i + j + 1) / 2), (positives += 1);
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe("generateDemoData: determinism", () => {
  it("returns identical data for the same seed and now", () => {
    expect(generateDemoData({ seed: 7, now: NOW })).toEqual(data);
  });

  it("returns different data for a different seed", () => {
    const other = generateDemoData({ seed: 8, now: NOW });
    expect(other.accounts.map((a) => a.name)).not.toEqual(data.accounts.map((a) => a.name));
    expect(other.deals.map((d) => d.amount)).not.toEqual(data.deals.map((d) => d.amount));
  });

  it("anchors on a fixed date and seed by default, never on the clock", () => {
    expect(generateDemoData()).toEqual(generateDemoData({ seed: DEFAULT_SEED, now: DEFAULT_NOW }));
  });

  it("moves every date with now", () => {
    const later = generateDemoData({ seed: 7, now: new Date(NOW_MS + 10 * DAY) });
    expect(ms(later.deals[0]!.engaged_at) - ms(data.deals[0]!.engaged_at)).toBe(10 * DAY);
    expect(later.deals.map((d) => d.amount)).toEqual(data.deals.map((d) => d.amount));
  });

  it("generates the full data set in well under a second or two", () => {
    const started = performance.now();
    generateDemoData({ seed: 99, now: NOW });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("generateDemoData: size and shape", () => {
  it("meets the minimum row counts", () => {
    const reps = data.reps.filter((r) => r.role === "rep");
    const managers = data.reps.filter((r) => r.role === "manager");
    expect(reps.length).toBeGreaterThanOrEqual(20);
    expect(managers.length).toBeGreaterThanOrEqual(5);
    expect(data.products).toHaveLength(PRODUCTS.length);
    expect(data.accounts.length).toBeGreaterThanOrEqual(85);
    expect(data.contacts.length).toBeGreaterThanOrEqual(320);
    expect(data.leads.length).toBeGreaterThanOrEqual(2200);
    expect(data.deals.length).toBeGreaterThanOrEqual(1600);
    expect(data.activities.length).toBeGreaterThanOrEqual(8000);
  });

  it("scales the CRM with the scale option", () => {
    const small = generateDemoData({ seed: 7, now: NOW, scale: 0.1 });
    expect(small.accounts).toHaveLength(9);
    expect(small.deals).toHaveLength(170);
    expect(small.leads).toHaveLength(240);
    expect(() => generateDemoData({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoData({ scale: 1000 })).toThrow(RangeError);
  });

  it("uses readable, unique ids", () => {
    for (const [table, rows, pattern] of [
      ["reps", data.reps, /^(rep|mgr)_\d{2}$/],
      ["accounts", data.accounts, /^acc_\d{4}$/],
      ["contacts", data.contacts, /^con_\d{4}$/],
      ["leads", data.leads, /^lead_\d{5}$/],
      ["deals", data.deals, /^deal_\d{5}$/],
      ["activities", data.activities, /^act_\d{6}$/],
    ] as const) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size, table).toBe(ids.length);
      for (const id of ids) expect(id, table).toMatch(pattern);
    }
  });

  it("keeps account names, contact e-mails and rep e-mails unique, on reserved .example domains", () => {
    expect(new Set(data.accounts.map((a) => a.name)).size).toBe(data.accounts.length);
    expect(new Set(data.contacts.map((c) => c.email)).size).toBe(data.contacts.length);
    expect(new Set(data.reps.map((r) => r.email)).size).toBe(data.reps.length);
    for (const e of [...data.contacts, ...data.reps, ...data.leads].map((r) => r.email)) expect(e).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.example$/);
  });

  it("puts a contact's e-mail on the account's domain and writes phones in E.164", () => {
    const accounts = new Map(data.accounts.map((a) => [a.id, a]));
    for (const c of data.contacts) {
      expect(accounts.get(c.account_id)!.website.endsWith(c.email.split("@")[1]!)).toBe(true);
      expect(c.phone).toMatch(/^\+[1-9]\d{7,14}$/);
    }
    for (const l of data.leads) if (l.phone !== null) expect(l.phone).toMatch(/^\+[1-9]\d{7,14}$/);
  });

  it("gives every rep a manager in the same region, and every account an owner from its region", () => {
    const reps = new Map(data.reps.map((r) => [r.id, r]));
    const regionNames = new Set(REGIONS.map((r) => r.name));
    for (const r of data.reps) {
      expect(regionNames.has(r.region)).toBe(true);
      if (r.role === "manager") expect(r.manager_id).toBeNull();
      else expect(reps.get(r.manager_id!)).toMatchObject({ role: "manager", region: r.region });
    }
    for (const a of data.accounts) expect(reps.get(a.owner_rep_id)!.region).toBe(a.region);
  });

  it("names subsidiaries after a parent that exists", () => {
    const names = new Set(data.accounts.map((a) => a.name));
    const subsidiaries = data.accounts.filter((a) => a.subsidiary_of !== null);
    expect(subsidiaries.length).toBeGreaterThan(0);
    for (const s of subsidiaries) expect(names.has(s.subsidiary_of!)).toBe(true);
  });
});

describe("generateDemoData: referential integrity", () => {
  it("points every foreign key at an existing row", () => {
    const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const reps = ids(data.reps);
    const products = ids(data.products);
    const accounts = ids(data.accounts);
    const contacts = ids(data.contacts);
    const leads = ids(data.leads);
    const deals = ids(data.deals);
    const optional = (set: Set<string>, id: string | null) => id === null || set.has(id);
    for (const r of data.reps) expect(optional(reps, r.manager_id)).toBe(true);
    for (const a of data.accounts) expect(reps.has(a.owner_rep_id)).toBe(true);
    for (const c of data.contacts) expect(accounts.has(c.account_id)).toBe(true);
    for (const l of data.leads) {
      expect(optional(contacts, l.contact_id) && optional(accounts, l.account_id) && reps.has(l.owner_rep_id)).toBe(true);
    }
    for (const d of data.deals) {
      expect(accounts.has(d.account_id) && reps.has(d.owner_rep_id) && products.has(d.product_id)).toBe(true);
      expect(optional(contacts, d.contact_id) && optional(leads, d.lead_id)).toBe(true);
    }
    for (const h of data.deal_stage_history) expect(deals.has(h.deal_id)).toBe(true);
    for (const a of data.activities) {
      expect(optional(accounts, a.account_id) && optional(contacts, a.contact_id) && optional(leads, a.lead_id)).toBe(true);
      expect(optional(deals, a.deal_id) && optional(reps, a.rep_id)).toBe(true);
    }
  });

  it("keeps a deal's contact, lead and activities on the deal's own account", () => {
    const contactAccount = new Map(data.contacts.map((c) => [c.id, c.account_id]));
    const leadAccount = new Map(data.leads.map((l) => [l.id, l.account_id]));
    const dealAccount = new Map(data.deals.map((d) => [d.id, d.account_id]));
    for (const d of data.deals) {
      if (d.contact_id) expect(contactAccount.get(d.contact_id)).toBe(d.account_id);
      if (d.lead_id) expect(leadAccount.get(d.lead_id)).toBe(d.account_id);
    }
    for (const a of data.activities) {
      if (a.deal_id) expect(a.account_id).toBe(dealAccount.get(a.deal_id));
      if (a.contact_id && a.account_id) expect(contactAccount.get(a.contact_id)).toBe(a.account_id);
    }
  });

  it("links deals only to converted leads, after the conversion, with the lead's contact", () => {
    const leads = new Map(data.leads.map((l) => [l.id, l]));
    const linked = data.deals.filter((d) => d.lead_id !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const d of linked) {
      const lead = leads.get(d.lead_id!)!;
      expect(lead.converted).toBe(true);
      expect(ms(d.engaged_at)).toBeGreaterThanOrEqual(ms(lead.converted_at!));
      if (lead.contact_id) expect(d.contact_id).toBe(lead.contact_id);
    }
  });
});

describe("generateDemoData: timelines", () => {
  const historyOf = () => {
    const map = new Map<string, DemoData["deal_stage_history"]>();
    for (const h of data.deal_stage_history) map.set(h.deal_id, [...(map.get(h.deal_id) ?? []), h]);
    return map;
  };

  it("walks each deal through the stages in order, ending at the deal's current stage", () => {
    const history = historyOf();
    for (const d of data.deals) {
      const rows = history.get(d.id)!;
      const stages = rows.map((h) => h.stage);
      const open = stages.filter((s) => s !== "won" && s !== "lost");
      expect(open).toEqual(OPEN_STAGES.slice(0, open.length));
      expect(stages.at(-1)).toBe(d.stage);
      expect(rows[0]!.entered_at).toBe(d.engaged_at);
      expect(rows.at(-1)!.entered_at).toBe(d.stage_entered_at);
      expect(rows.at(-1)!.exited_at).toBeNull();
      for (let i = 0; i + 1 < rows.length; i += 1) {
        expect(rows[i]!.exited_at).toBe(rows[i + 1]!.entered_at);
        expect(ms(rows[i + 1]!.entered_at)).toBeGreaterThan(ms(rows[i]!.entered_at));
      }
      if (d.stage === "won") expect(open).toEqual([...OPEN_STAGES]);
    }
  });

  it("fills closing fields by stage: value and date when won, reason when lost, plan when open", () => {
    for (const d of data.deals) {
      const closed = d.stage === "won" || d.stage === "lost";
      expect(d.closed_at !== null).toBe(closed);
      expect(d.close_value !== null).toBe(d.stage === "won");
      expect(d.lost_reason !== null).toBe(d.stage === "lost");
      expect(d.expected_close_date !== null).toBe(!closed);
      expect(d.next_step !== null).toBe(!closed);
      if (closed) expect(d.stage_entered_at).toBe(d.closed_at);
    }
  });

  it("keeps every date in the past and in causal order", () => {
    const reps = new Map(data.reps.map((r) => [r.id, r]));
    const accounts = new Map(data.accounts.map((a) => [a.id, a]));
    for (const d of data.deals) {
      expect(ms(d.engaged_at)).toBeLessThanOrEqual(ms(d.stage_entered_at));
      expect(ms(d.stage_entered_at)).toBeLessThan(NOW_MS);
      expect(ms(reps.get(d.owner_rep_id)!.hired_at)).toBeLessThanOrEqual(ms(d.engaged_at));
      expect(ms(accounts.get(d.account_id)!.created_at)).toBeLessThanOrEqual(ms(d.engaged_at));
      expect(d.last_activity_at).not.toBeNull();
    }
    for (const l of data.leads) {
      expect(ms(l.created_at)).toBeLessThanOrEqual(ms(l.last_activity_at));
      expect(ms(l.last_activity_at)).toBeLessThanOrEqual(ms(l.updated_at));
      expect(ms(l.updated_at)).toBeLessThan(NOW_MS);
      expect(l.converted_at !== null).toBe(l.converted === true);
      expect(l.status === "converted").toBe(l.converted === true);
      if (l.converted === null) expect(["new", "working", "qualified"]).toContain(l.status);
    }
  });

  it("places activities inside the life of their deal or lead, and dates the deal's last activity", () => {
    const deals = new Map(data.deals.map((d) => [d.id, d]));
    const leads = new Map(data.leads.map((l) => [l.id, l]));
    const latest = new Map<string, string>();
    for (const a of data.activities) {
      const t = ms(a.occurred_at);
      expect(t).toBeLessThan(NOW_MS);
      if (a.deal_id) {
        const d = deals.get(a.deal_id)!;
        expect(t).toBeGreaterThanOrEqual(ms(d.engaged_at));
        expect(t).toBeLessThanOrEqual(d.closed_at ? ms(d.closed_at) : NOW_MS);
        if ((latest.get(a.deal_id) ?? "") < a.occurred_at) latest.set(a.deal_id, a.occurred_at);
      } else if (a.lead_id) {
        const l = leads.get(a.lead_id)!;
        expect(t).toBeGreaterThanOrEqual(ms(l.created_at));
        expect(t).toBeLessThanOrEqual(ms(l.last_activity_at));
      }
    }
    for (const d of data.deals) expect(d.last_activity_at).toBe(latest.get(d.id));
    const ordered = data.activities.map((a) => a.occurred_at);
    expect(ordered).toEqual([...ordered].sort());
  });

  it("spreads leads over about 18 months and deals over about two years", () => {
    const leadAges = data.leads.map((l) => (NOW_MS - ms(l.created_at)) / DAY);
    expect(Math.max(...leadAges)).toBeGreaterThan(500);
    expect(Math.max(...leadAges)).toBeLessThan(580);
    const dealAges = data.deals.map((d) => (NOW_MS - ms(d.engaged_at)) / DAY);
    expect(Math.max(...dealAges)).toBeGreaterThan(650);
    expect(Math.max(...dealAges)).toBeLessThan(800);
  });
});

describe("generateDemoData: plausible distributions", () => {
  const closedDeals = () => data.deals.filter((d) => d.closed_at !== null);
  const won = (d: DealRow) => d.stage === "won";
  const activityCount = () => {
    const counts = new Map<string, number>();
    for (const a of data.activities) if (a.deal_id) counts.set(a.deal_id, (counts.get(a.deal_id) ?? 0) + 1);
    return counts;
  };

  it("skews deal amounts to the right and prices enterprise above core", () => {
    const amounts = data.deals.map((d) => d.amount);
    expect(mean(amounts)).toBeGreaterThan(1.2 * median(amounts));
    const byProduct = (id: string) => median(data.deals.filter((d) => d.product_id === id).map((d) => d.amount));
    expect(byProduct("prod_enterprise")).toBeGreaterThan(3 * byProduct("prod_core"));
  });

  it("closes about two thirds of deals and wins a sensible share of those", () => {
    expect(rate(data.deals, (d) => d.closed_at !== null)).toBeGreaterThan(0.55);
    expect(rate(data.deals, (d) => d.closed_at !== null)).toBeLessThan(0.75);
    const winRate = rate(closedDeals(), won);
    expect(winRate).toBeGreaterThan(0.35);
    expect(winRate).toBeLessThan(0.65);
  });

  it("wins more often where activity per week is high", () => {
    const counts = activityCount();
    const perWeek = (d: DealRow) => (counts.get(d.id) ?? 0) / Math.max(1, (ms(d.closed_at!) - ms(d.engaged_at)) / (7 * DAY));
    const sorted = closedDeals().sort((a, b) => perWeek(a) - perWeek(b));
    const q = Math.floor(sorted.length / 4);
    expect(rate(sorted.slice(-q), won) - rate(sorted.slice(0, q), won)).toBeGreaterThan(0.15);
    const wins = closedDeals().filter(won);
    const losses = closedDeals().filter((d) => !won(d));
    expect(mean(wins.map((d) => counts.get(d.id) ?? 0))).toBeGreaterThan(mean(losses.map((d) => counts.get(d.id) ?? 0)));
  });

  it("makes outcomes learnable but noisy: no single column separates wins from losses", () => {
    const counts = activityCount();
    const deals = closedDeals();
    const labels = deals.map(won);
    for (const score of [
      deals.map((d) => counts.get(d.id) ?? 0),
      deals.map((d) => d.amount),
      deals.map((d) => ms(d.closed_at!) - ms(d.engaged_at)),
    ]) {
      expect(auc(score, labels)).toBeLessThan(0.85);
    }
    expect(auc(deals.map((d) => counts.get(d.id) ?? 0), labels)).toBeGreaterThan(0.6);
  });

  it("takes longer to close enterprise deals than core ones", () => {
    const cycle = (id: string) =>
      median(closedDeals().filter((d) => won(d) && d.product_id === id).map((d) => ms(d.closed_at!) - ms(d.engaged_at)));
    expect(cycle("prod_enterprise")).toBeGreaterThan(2 * cycle("prod_core"));
  });

  it("leaves some open deals stalled for at-risk detection, while most are active", () => {
    const open = data.deals.filter((d) => d.closed_at === null);
    const quiet = (d: DealRow) => NOW_MS - ms(d.last_activity_at!) > 30 * DAY;
    const stalled = open.filter((d) => quiet(d) && NOW_MS - ms(d.stage_entered_at) > 60 * DAY);
    expect(stalled.length / open.length).toBeGreaterThan(0.1);
    expect(stalled.length / open.length).toBeLessThan(0.5);
    expect(rate(open, (d) => NOW_MS - ms(d.last_activity_at!) <= 14 * DAY)).toBeGreaterThan(0.5);
    expect(new Set(open.map((d) => d.stage)).size).toBe(4);
  });

  it("converts 8–25% of decided leads, more of those who asked for a demo", () => {
    const decided = data.leads.filter((l) => l.converted !== null);
    const conversion = rate(decided, (l) => l.converted === true);
    expect(conversion).toBeGreaterThan(0.08);
    expect(conversion).toBeLessThan(0.25);
    const demo = rate(decided.filter((l) => l.demo_requested), (l) => l.converted === true);
    const noDemo = rate(decided.filter((l) => !l.demo_requested), (l) => l.converted === true);
    expect(demo).toBeGreaterThan(1.8 * noDemo);
  });

  it("lets engagement predict conversion only partly", () => {
    const decided = data.leads.filter((l) => l.converted !== null);
    const labels = decided.map((l) => l.converted === true);
    const visits = auc(decided.map((l) => l.visits), labels);
    expect(visits).toBeGreaterThan(0.58);
    expect(visits).toBeLessThan(0.85);
    const combined = auc(
      decided.map((l) => Math.log1p(l.visits) + Math.log1p(l.email_clicks) + 1.5 * Number(l.demo_requested)),
      labels,
    );
    expect(combined).toBeGreaterThan(0.65);
    expect(combined).toBeLessThan(0.9);
  });

  it("ties revenue to headcount and varies firmographics", () => {
    const logs = data.accounts.map((a) => [Math.log(a.employees), Math.log(a.revenue_musd)] as const);
    const mx = mean(logs.map((p) => p[0]));
    const my = mean(logs.map((p) => p[1]));
    const cov = mean(logs.map(([x, y]) => (x - mx) * (y - my)));
    const sx = Math.sqrt(mean(logs.map(([x]) => (x - mx) ** 2)));
    const sy = Math.sqrt(mean(logs.map(([, y]) => (y - my) ** 2)));
    expect(cov / (sx * sy)).toBeGreaterThan(0.7);
    expect(new Set(data.accounts.map((a) => a.sector)).size).toBe(10);
    expect(new Set(data.accounts.map((a) => a.region)).size).toBe(REGIONS.length);
    const employees = data.accounts.map((a) => a.employees);
    expect(Math.max(...employees) / Math.min(...employees)).toBeGreaterThan(50);
  });

  it("gives every rep deals to forecast", () => {
    const owners = new Set(data.deals.map((d) => d.owner_rep_id));
    for (const r of data.reps.filter((x) => x.role === "rep")) expect(owners.has(r.id), r.id).toBe(true);
  });
});
