import type { DashboardData } from "./data.js";
import type { Filters } from "./filters.js";
import { chart, esc, fmt, numberLink, table } from "./html.js";

type PipelineData = Awaited<ReturnType<DashboardData["pipeline"]>>;

/** Stages (unweighted vs weighted), the forecast with its 80% interval, at-risk deals, win-rate and velocity trends. */
export function pipelinePage(d: PipelineData, f: Filters): string {
  const r = d.review;
  const asOf = new Date(f.asOf).toISOString();
  const open = (extra: Record<string, string | undefined> = {}) => ({ status: "open", asOf, ...extra });
  const totals = d.stages.reduce((t, s) => ({ count: t.count + s.count, amount: t.amount + s.amount, weighted: t.weighted + s.weighted }), { count: 0, amount: 0, weighted: 0 });
  const kpis = `<dl class="kpis">
    <div><dt>Open deals</dt><dd>${numberLink(fmt.int(totals.count), "deals", f, open())}</dd></div>
    <div><dt>Open pipeline</dt><dd>${numberLink(fmt.money(totals.amount), "deals", f, open())}</dd></div>
    <div><dt>Weighted by close probability</dt><dd>${numberLink(fmt.money(totals.weighted), "deals", f, open())}</dd></div>
    <div><dt>Forecast ${esc(r.period.label)} (expected)</dt><dd>${numberLink(fmt.money(r.forecast.total.expected), "deals", f, open())}</dd></div>
    <div><dt>80% interval</dt><dd>${esc(fmt.money(r.forecast.total.low))} – ${esc(fmt.money(r.forecast.total.high))}</dd></div>
  </dl>`;

  const stages = chart(
    "stages",
    "Open pipeline by stage: unweighted vs weighted",
    {
      type: "bar",
      categories: d.stages.map((s) => s.stage),
      series: [
        { name: "unweighted", data: d.stages.map((s) => s.amount), format: "money" },
        { name: "weighted", data: d.stages.map((s) => s.weighted), format: "money" },
      ],
    },
    {
      head: ["stage", "deals", "unweighted", "weighted"],
      rows: d.stages.map((s) => [
        esc(s.stage),
        numberLink(fmt.int(s.count), "deals", f, open({ stage: s.stage })),
        numberLink(fmt.money(s.amount), "deals", f, open({ stage: s.stage })),
        numberLink(fmt.money(s.weighted), "deals", f, open({ stage: s.stage })),
      ]),
    },
  );

  const groups = [
    { key: "Total", ...r.forecast.total, link: {} as Record<string, string> },
    ...(f.rep ? [] : r.forecast.byRegion.map((g) => ({ ...g, link: { region: g.key } }))),
    ...(f.rep || f.region ? r.forecast.byRep.map((g) => ({ ...g, link: { rep: g.key } })) : []),
  ];
  const forecast = chart(
    "forecast",
    `Forecast for ${r.period.label}: expected, with the 10th–90th percentile band`,
    {
      type: "band",
      categories: groups.map((g) => g.key),
      series: [{ name: "expected", data: groups.map((g) => Math.round(g.expected)), format: "money" }],
      band: { low: groups.map((g) => Math.round(g.low)), high: groups.map((g) => Math.round(g.high)) },
      horizontal: true,
    },
    {
      head: ["group", "expected", "low (P10)", "median", "high (P90)", "closed won", "open deals"],
      rows: groups.map((g) => [
        esc(g.key),
        numberLink(fmt.money(g.expected), "deals", f, open(g.link)),
        esc(fmt.money(g.low)),
        esc(fmt.money(g.median)),
        esc(fmt.money(g.high)),
        esc(fmt.money(g.closedWon)),
        numberLink(fmt.int(g.openDeals), "deals", f, open(g.link)),
      ]),
    },
    `Monte-Carlo over each open deal's close probability in the period (${r.forecast.iterations.toLocaleString("en-US")} runs). Model trained ${esc(r.model.trainedAt.slice(0, 10))}${r.model.holdout ? `, hold-out AUC ${r.model.holdout.auc.toFixed(3)}` : ""}.`,
  );

  const atRisk = `<section><h2>At-risk deals (${numberLink(fmt.int(r.atRiskCount), "deals", f, { ids: r.atRisk.map((x) => x.id).join(",") })} flagged; largest value at stake first)</h2>
  ${table(
    ["deal", "account", "owner", "stage", "amount", "close probability", "reasons"],
    r.atRisk.map((x) => [
      numberLink(x.name, "deals", f, { ids: x.id }),
      esc(x.account),
      esc(x.owner),
      esc(x.stage),
      numberLink(fmt.money(x.amount), "deals", f, { ids: x.id }),
      esc(fmt.pct(x.probability)),
      esc(x.reasons.join("; ")),
    ]),
    'class="at-risk"',
  )}</section>`;

  const winRate = chart(
    "win-rate",
    "Win rate by month closed (last 12 months)",
    { type: "line", categories: d.trends.map((t) => t.month), series: [{ name: "win rate", data: d.trends.map((t) => t.winRate), format: "pct" }] },
    {
      head: ["month", "closed", "won", "win rate"],
      rows: d.trends.map((t) => [
        esc(t.month),
        numberLink(fmt.int(t.closed), "deals", f, { status: "closed", month: t.month }),
        numberLink(fmt.int(t.won), "deals", f, { status: "won", month: t.month }),
        esc(fmt.pct(t.winRate)),
      ]),
    },
  );
  const velocity = chart(
    "velocity",
    "Velocity: value won and days from engagement to win, by month",
    {
      type: "bar",
      categories: d.trends.map((t) => t.month),
      series: [
        { name: "value won", data: d.trends.map((t) => t.wonValue), format: "money" },
        { name: "days to win", data: d.trends.map((t) => t.cycleDays), format: "days" },
      ],
    },
    {
      head: ["month", "value won", "days to win"],
      rows: d.trends.map((t) => [esc(t.month), numberLink(fmt.money(t.wonValue), "deals", f, { status: "won", month: t.month }), esc(fmt.days(t.cycleDays))]),
    },
  );
  return `${kpis}<div class="grid">${stages}${forecast}</div>${atRisk}<div class="grid">${winRate}${velocity}</div>`;
}
