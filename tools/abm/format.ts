import type { AccountPlaybook } from "./playbook.js";
import type { TargetAccountsOutput } from "./tool.js";

export function formatTargets(out: TargetAccountsOutput): string {
  const scope = [out.icp.sectors.join("/"), out.icp.regions.join("/")].filter(Boolean).join(", ") || "all accounts";
  if (out.accounts.length === 0) return `No accounts match (${scope}).`;
  return [
    `Top ${out.accounts.length} target accounts (${scope}; ${out.scored} scored). Fit = similarity to won accounts, intent = recent engagement; both 0–100:`,
    ...out.accounts.map(
      (t, i) => `${i + 1}. ${t.account} — fit ${t.fit}, intent ${t.intent} (${t.status}; ${t.sector}, ${t.region}, ${t.employees ?? "?"} employees). ${t.fitReasons[0] ?? ""}; ${t.intentSignals.join(", ")}`,
    ),
    'Ask "playbook for <account>" for a stakeholder map and engagement sequence.',
  ].join("\n");
}

export function formatPlaybook(p: AccountPlaybook): string {
  return [
    `ABM playbook: ${p.account} (${p.sector})`,
    "Stakeholder map:",
    ...p.stakeholders.slice(0, 10).map((s) => `- ${s.role}: ${s.name}${s.title ? `, ${s.title}` : ""} — ${s.engagement} (${s.touches} touches, last ${s.lastTouch ?? "never"})${s.consent === "withdrawn" ? " — consent withdrawn, do not contact" : ""}`),
    ...(p.gaps.length ? ["Gaps:", ...p.gaps.map((g) => `- ${g}`)] : []),
    "Value propositions:",
    ...(p.valueProps.length ? p.valueProps.map((v) => `- ${v.title}: ${v.excerpt} [${v.source}]`) : ["- none found in the knowledge base (run `salesgraph kb ingest DIR`)"]),
    "Engagement sequence:",
    ...p.sequence.map((s) => `- week ${s.week}, ${s.channel} → ${s.audience}: ${s.action}. Success: ${s.successMetric}`),
    "Success metrics:",
    ...p.successMetrics.map((m) => `- ${m}`),
  ].join("\n");
}
