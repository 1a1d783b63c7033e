import { DAY_MS, type PipelineDeal } from "../types.js";

/** A small won deal for unit tests; override what a test is about. */
export const T0 = Date.UTC(2026, 0, 1);
export const at = (days: number) => T0 + days * DAY_MS;

export function makeDeal(overrides: Partial<PipelineDeal> = {}): PipelineDeal {
  return {
    id: "d1",
    name: "Acme – Pro",
    accountId: "a1",
    account: "Acme",
    sector: "software",
    accountRegion: "EMEA",
    employees: 999,
    revenue: 120,
    product: "Pro",
    listPrice: 1000,
    repId: "r1",
    rep: "Ann",
    manager: "Mia",
    region: "EMEA",
    stage: "won",
    amount: 1000,
    closeValue: 1000,
    engagedAt: at(0),
    stageEnteredAt: at(40),
    expectedCloseAt: null,
    closedAt: at(40),
    fromLead: false,
    nextStep: null,
    history: [
      { stage: "prospecting", enteredAt: at(0), exitedAt: at(10) },
      { stage: "proposal", enteredAt: at(10), exitedAt: at(40) },
      { stage: "won", enteredAt: at(40), exitedAt: null },
    ],
    activities: [at(1), at(5), at(20), at(35)],
    ...overrides,
  };
}


/**
 * A small CRM whose outcomes follow a known rule: deals with more activity per week and on product "Easy"
 * win more often. Deals engage over two years; those engaged in the last 60 days are still open.
 */
export function syntheticPipeline(n: number, seed = 1): PipelineDeal[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
  const deals: PipelineDeal[] = [];
  for (let i = 0; i < n; i++) {
    const engaged = at(Math.floor(next() * 730));
    const product = next() < 0.5 ? "Easy" : "Hard";
    const perWeek = 0.5 + 3 * next();
    const logit = -1 + 0.9 * (perWeek - 2) + (product === "Easy" ? 0.8 : -0.4);
    const won = next() < 1 / (1 + Math.exp(-logit));
    const cycle = 20 + Math.floor(40 * next());
    const closedAt = engaged + cycle * DAY_MS;
    const open = closedAt > at(730);
    const activities = Array.from({ length: Math.max(1, Math.round((perWeek * cycle) / 7)) }, (_, k) => engaged + (k * 7 * DAY_MS) / perWeek);
    const mid = engaged + Math.floor(cycle / 2) * DAY_MS;
    deals.push(
      makeDeal({
        id: `s${i}`,
        name: `Deal ${i}`,
        accountId: `a${i % 25}`,
        account: `Account ${i % 25}`,
        repId: `r${i % 6}`,
        rep: `Rep ${i % 6}`,
        region: i % 2 ? "EMEA" : "APAC",
        product,
        amount: product === "Easy" ? 1000 : 5000,
        listPrice: product === "Easy" ? 1000 : 5000,
        engagedAt: engaged,
        stage: open ? "proposal" : won ? "won" : "lost",
        closedAt: open ? null : closedAt,
        closeValue: !open && won ? (product === "Easy" ? 950 : 4800) : null,
        stageEnteredAt: open ? mid : closedAt,
        expectedCloseAt: open ? closedAt : null,
        history: open
          ? [
              { stage: "qualification", enteredAt: engaged, exitedAt: mid },
              { stage: "proposal", enteredAt: mid, exitedAt: null },
            ]
          : [
              { stage: "qualification", enteredAt: engaged, exitedAt: mid },
              { stage: "proposal", enteredAt: mid, exitedAt: closedAt },
              { stage: won ? "won" : "lost", enteredAt: closedAt, exitedAt: null },
            ],
        activities: activities.filter((t) => t < Math.min(closedAt, at(730))),
      }),
    );
  }
  return deals;
}
