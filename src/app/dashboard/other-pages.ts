import type { Digest } from "../../../tools/intel/digest.js";
import type { Factor } from "../../../tools/leads/scorer.js";
import type { DashboardData } from "./data.js";
import type { Filters } from "./filters.js";
import { chart, esc, fmt, numberLink, table } from "./html.js";
import type { ExperimentSummary } from "./queries.js";

type Awaited2<T> = T extends Promise<infer U> ? U : T;

const BUCKETS = Array.from({ length: 10 }, (_, i) => (i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`));

export function leadsPage(d: Awaited2<ReturnType<DashboardData["leads"]>>, f: Filters): string {
  const scores = chart(
    "scores",
    "Open leads by score",
    { type: "bar", categories: BUCKETS, series: [{ name: "open leads", data: d.distribution.buckets.map((b) => b.count), format: "int" }] },
    {
      head: ["score", "open leads"],
      rows: d.distribution.buckets.map((b) => [esc(BUCKETS[b.bucket]), numberLink(fmt.int(b.count), "leads", f, { bucket: b.bucket, status: "open" })]),
    },
    d.distribution.unscored ? `${numberLink(fmt.int(d.distribution.unscored), "leads", f, { bucket: -1, status: "open" })} open leads are not scored yet.` : "",
  );
  const hottest = `<section><h2>Hottest leads</h2>${table(
    ["lead", "company", "source", "owner", "score", "top factors"],
    d.hottest.map((l) => [
      numberLink(l.name ?? l.id, "leads", undefined, { ids: l.id }),
      esc(l.company),
      esc(l.source),
      esc(l.owner),
      numberLink(String(l.lead_score), "leads", undefined, { ids: l.id }),
      esc(l.topFactors.map((x: Factor) => `${x.column}=${x.value} (${x.effect >= 0 ? "+" : ""}${x.effect.toFixed(2)})`).join("; ")),
    ]),
    'class="hottest"',
  )}</section>`;
  const sources = chart(
    "sources",
    "Conversion by source (leads with a known outcome)",
    { type: "bar", categories: d.sources.map((s) => s.source), series: [{ name: "conversion rate", data: d.sources.map((s) => s.rate), format: "pct" }] },
    {
      head: ["source", "leads", "converted", "conversion rate"],
      rows: d.sources.map((s) => [
        esc(s.source),
        numberLink(fmt.int(s.leads), "leads", f, { source: s.source, status: "closed" }),
        numberLink(fmt.int(s.converted), "leads", f, { source: s.source, converted: "true" }),
        esc(fmt.pct(s.rate)),
      ]),
    },
  );
  return `<div class="grid">${scores}${sources}</div>${hottest}`;
}

export function segmentsPage(d: Awaited2<ReturnType<DashboardData["segments"]>>, f: Filters): string {
  if (!d) return `<p class="empty">No segments yet: the CRM has no accounts (run <code>salesgraph segments build</code>).</p>`;
  const cats = d.segments.map((s) => s.label);
  const sizes = chart(
    "segment-sizes",
    "Accounts per segment",
    { type: "bar", categories: cats, series: [{ name: "accounts", data: d.segments.map((s) => s.accounts), format: "int" }] },
    { head: ["segment", "accounts"], rows: d.segments.map((s) => [esc(s.label), numberLink(fmt.int(s.accounts), "accounts", f, { segment: s.segmentId })]) },
  );
  const value = chart(
    "segment-value",
    "Lifetime value per segment (accounts × average lifetime value)",
    { type: "bar", categories: cats, series: [{ name: "value", data: d.segments.map((s) => s.value), format: "money" }] },
    {
      head: ["segment", "value", "average per account", "win rate"],
      rows: d.segments.map((s) => [esc(s.label), numberLink(fmt.money(s.value), "accounts", f, { segment: s.segmentId }), esc(fmt.money(s.averageLifetimeValue)), esc(fmt.pct(s.winRate))]),
    },
  );
  const risk = chart(
    "segment-risk",
    "Migration risk next 90 days (mean probability of moving segment)",
    { type: "bar", categories: cats, series: [{ name: "mean migration risk", data: d.segments.map((s) => s.meanMigrationRisk), format: "pct" }] },
    {
      head: ["segment", "mean risk", "accounts ≥ 50%"],
      rows: d.segments.map((s) => [esc(s.label), esc(fmt.pct(s.meanMigrationRisk)), numberLink(fmt.int(s.atRiskIds.length), "accounts", f, { ids: s.atRiskIds.join(",") || "-" })]),
    },
    `Segmentation ${esc(d.runId)} as of ${esc(d.asOf.slice(0, 10))}${d.migrationAuc === null ? "" : `; migration model hold-out AUC ${d.migrationAuc.toFixed(3)}`}.`,
  );
  return `<div class="grid">${sizes}${value}${risk}</div>`;
}

export function intelPage(digest: Digest, since: string): string {
  const cats = digest.competitors.map((c) => c.competitor);
  const counts = chart(
    "intel-changes",
    `Competitor changes since ${digest.since.slice(0, 10)} (${since})`,
    { type: "bar", categories: cats, series: [{ name: "changes", data: digest.competitors.map((c) => c.items.length), format: "int" }] },
    { head: ["competitor", "changes"], rows: digest.competitors.map((c, i) => [esc(c.competitor), `<a class="num" href="#competitor-${i}">${c.items.length}</a>`]) },
  );
  const sections = digest.competitors
    .map(
      (c, i) => `<section id="competitor-${i}"><h2>${esc(c.competitor)}</h2><p>${esc(c.talkTrack)}</p><ul>${c.items
        .map((it) => `<li><a href="${esc(it.link)}" rel="noreferrer">${esc(it.summary)}</a> <small>${esc(it.detectedAt.slice(0, 10))}</small><br>${esc(it.whyItMatters)}</li>`)
        .join("")}</ul></section>`,
    )
    .join("");
  const form = `<form method="get" action="/dashboard/intel" class="inline"><label>since <input name="since" value="${esc(since)}" size="5"></label> <button>Show</button></form>`;
  if (digest.competitors.length === 0) return `${form}<p class="empty">No competitor changes in this window (sources: <code>salesgraph intel source add</code>).</p>`;
  return `${form}${digest.narrative ? `<p>${esc(digest.narrative)}</p>` : ""}${counts}${sections}`;
}

export function conversationsPage(d: Awaited2<ReturnType<DashboardData["conversations"]>>, f: Filters): string {
  const window = { from: d.start.toISOString(), to: d.end.toISOString() };
  const byChannel = chart(
    "by-channel",
    `Messages from people by channel, ${f.period.label}`,
    { type: "bar", categories: d.volume.byChannel.map((v) => v.key), series: [{ name: "messages", data: d.volume.byChannel.map((v) => v.messages), format: "int" }] },
    { head: ["channel", "messages"], rows: d.volume.byChannel.map((v) => [esc(v.key), numberLink(fmt.int(v.messages), "messages", undefined, { channel: v.key, ...window })]) },
  );
  const byIntent = chart(
    "by-intent",
    `Messages by intent, ${f.period.label}`,
    { type: "bar", horizontal: true, categories: d.volume.byIntent.map((v) => v.key), series: [{ name: "messages", data: d.volume.byIntent.map((v) => v.messages), format: "int" }] },
    { head: ["intent", "messages"], rows: d.volume.byIntent.map((v) => [esc(v.key), numberLink(fmt.int(v.messages), "messages", undefined, { intent: v.key, ...window })]) },
  );
  const handoffs = `<section><h2>Hand-off queue (${d.handoffs.length})</h2>${table(
    ["ticket", "kind", "status", "channel", "conversation", "held by", "since", "summary"],
    d.handoffs.map((h) => [esc(h.id), esc(h.kind), esc(h.status), esc(h.channel), esc(h.conversationId), esc(h.heldBy ?? "–"), esc(h.createdAt.toISOString().slice(0, 16).replace("T", " ")), esc(h.summary.slice(0, 160))]),
    'class="handoffs"',
  )}</section>`;
  const optOuts = `<section><h2>Opt-outs, ${esc(f.period.label)}: ${numberLink(fmt.int(d.optOuts.count), "opt-outs", undefined, window)}</h2>${table(
    ["channel", "opt-outs"],
    d.optOuts.byChannel.map((v) => [esc(v.key), numberLink(fmt.int(v.messages), "opt-outs", undefined, { channel: v.key, ...window })]),
  )}</section>`;
  const approvals = `<section><h2>Pending approvals (${d.approvals.length})</h2>${table(
    ["approval", "action", "requested by", "channel", "since", "summary"],
    d.approvals.map((a) => [esc(a.id), esc(a.action), esc(a.requestedBy), esc(a.channel), esc(a.createdAt.toISOString().slice(0, 16).replace("T", " ")), esc(a.summary)]),
    'class="approvals"',
  )}<p class="note">Decide in Slack or Teams, or with <code>POST /api/approvals/:id</code>.</p></section>`;
  return `<div class="grid">${byChannel}${byIntent}</div>${handoffs}${optOuts}${approvals}`;
}

export function contentPage(experiments: ExperimentSummary[] | undefined): string {
  if (!experiments || experiments.length === 0) return `<p class="empty">No experiments yet.</p>`;
  return experiments
    .map((e) => {
      const metric = e.metric === "open" ? "opened" : e.metric === "click" ? "clicked" : "converted";
      return chart(
        `experiment-${e.id}`,
        `${e.name} (${e.channel}, ${e.status}): ${metric} per variant`,
        {
          type: "bar",
          categories: e.variants.map((v) => v.variant),
          series: [
            { name: "sent", data: e.variants.map((v) => v.sent), format: "int" },
            { name: metric, data: e.variants.map((v) => v[metric]), format: "int" },
          ],
        },
        {
          head: ["variant", "sent", metric, "rate"],
          rows: e.variants.map((v) => [
            numberLink(v.variant, "variants", undefined, { experiment: e.id }),
            esc(fmt.int(v.sent)),
            esc(fmt.int(v[metric])),
            esc(v.sent ? fmt.pct(v[metric] / v.sent) : "–"),
          ]),
        },
      );
    })
    .join("");
}

export function rowsPage(kind: string, result: { columns: string[]; rows: Record<string, unknown>[]; total: number }): string {
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 16).replace("T", " ") : typeof v === "number" ? v.toLocaleString("en-US") : v === null ? "" : String(v));
  return `<p><span class="total">${result.total}</span> ${esc(kind)}${result.total > result.rows.length ? ` (first ${result.rows.length})` : ""}. <a href="javascript:history.back()">Back</a></p>
  ${table(result.columns, result.rows.map((r) => result.columns.map((c) => esc(cell(r[c])))), 'class="rows"')}`;
}
