import { filterQuery, type Filters } from "./filters.js";

/** Small HTML helpers: escaping, number formats, links to rows, and the chart-with-figures block. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export const fmt = {
  money: (n: number) => `$${Math.round(n).toLocaleString("en-US")}`,
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  pct: (p: number | null) => (p === null ? "–" : `${(p * 100).toFixed(1)}%`),
  days: (d: number | null) => (d === null ? "–" : `${d.toFixed(1)} d`),
};

export type Format = keyof typeof fmt;

/** A number that links to the rows behind it. */
export function numberLink(text: string, kind: string, f: Filters | undefined, params: Record<string, string | number | undefined> = {}): string {
  const query = f ? filterQuery(f, params) : new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `<a class="num" href="/dashboard/rows/${esc(kind)}?${esc(query)}">${esc(text)}</a>`;
}

export interface ChartSpec {
  /** bar: grouped bars; line: lines over categories; band: expected with a low–high interval per category. */
  type: "bar" | "line" | "band";
  categories: string[];
  series: { name: string; data: (number | null)[]; format: Format }[];
  /** For `band`: the 10th and 90th percentiles. */
  band?: { low: number[]; high: number[] };
  horizontal?: boolean;
}

/**
 * A chart and its figures as text: the table lists every value the chart draws (DESIGN.md), each value a link to
 * its rows; the client script draws `spec` with ECharts.
 */
export function chart(id: string, title: string, spec: ChartSpec, table: { head: string[]; rows: string[][] }, note = ""): string {
  const json = JSON.stringify(spec).replace(/</g, "\\u003c");
  return `<figure class="chart" id="${esc(id)}">
  <figcaption>${esc(title)}</figcaption>
  <div class="plot" data-chart="${esc(id)}" role="img" aria-label="${esc(title)} (figures in the table below)"></div>
  <script type="application/json" data-spec="${esc(id)}">${json}</script>
  ${note ? `<p class="note">${note}</p>` : ""}
  <table class="figures" data-figures="${esc(id)}"><thead><tr>${table.head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
  <tbody>${table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`).join("")}</tbody></table>
</figure>`;
}

export function table(head: string[], rows: string[][], attrs = ""): string {
  if (rows.length === 0) return `<p class="empty">none</p>`;
  return `<table ${attrs}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export const PAGES = [
  ["pipeline", "Pipeline"],
  ["leads", "Leads"],
  ["segments", "Segments"],
  ["intel", "Intel digest"],
  ["conversations", "Conversations"],
  ["content", "Content experiments"],
] as const;
export type PageName = (typeof PAGES)[number][0];

export function layout(options: {
  title: string;
  page?: PageName;
  filters?: Filters;
  options?: { reps: string[]; regions: string[] };
  csrf?: string;
  who?: string;
  body: string;
}): string {
  const f = options.filters;
  const nav = PAGES.map(
    ([key, label]) =>
      `<a href="/dashboard/${key === "pipeline" ? "" : key}${f ? `?${esc(filterQuery(f))}` : ""}"${key === options.page ? ' aria-current="page"' : ""}>${esc(label)}</a>`,
  ).join("");
  const select = (name: string, values: string[], current: string | undefined, all: string) =>
    `<label>${esc(name)} <select name="${esc(name)}"><option value="">${esc(all)}</option>${values
      .map((v) => `<option${v === current ? " selected" : ""}>${esc(v)}</option>`)
      .join("")}</select></label>`;
  const filterForm =
    f && options.options && options.page
      ? `<form class="filters" method="get" action="/dashboard/${options.page === "pipeline" ? "" : options.page}">
      ${select("rep", options.options.reps, f.rep, "all reps")}
      ${select("region", options.options.regions, f.region, "all regions")}
      <label>period <input name="period" value="${esc(f.period.text)}" size="14" list="periods"></label>
      <datalist id="periods"><option>this quarter</option><option>last quarter</option><option>next quarter</option><option>this month</option><option>this year</option></datalist>
      <button type="submit">Apply</button>
      <span class="asof">as of ${esc(new Date(f.asOf).toISOString().slice(0, 10))} · ${esc(f.period.label)}</span>
    </form>`
      : "";
  const logout = options.csrf
    ? `<form method="post" action="/dashboard/logout" class="logout"><input type="hidden" name="csrf" value="${esc(options.csrf)}"><span>${esc(options.who ?? "")}</span> <button type="submit">Sign out</button></form>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)} · Salesgraph</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script src="/dashboard/assets/echarts.min.js" defer></script>
<script src="/dashboard/assets/dashboard.js" defer></script>
</head><body>
<header><strong>Salesgraph</strong><nav>${options.csrf ? nav : ""}</nav>${logout}</header>
${filterForm}
<main><h1>${esc(options.title)}</h1>
${options.body}
</main></body></html>`;
}
