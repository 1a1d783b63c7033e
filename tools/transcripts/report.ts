import type { TranscriptInsight } from "../../src/core/insight-data.js";
import type { TranscriptAnalysis } from "./analyze.js";
import type { LoggedCall } from "./service.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;

function monologue(a: TranscriptAnalysis): string | undefined {
  const m = a.longest_monologue;
  if (!m) return undefined;
  return `${m.seconds !== null ? `${Math.round(m.seconds)} s` : `${m.words} words`} (${m.speaker})`;
}

function step(s: TranscriptAnalysis["next_steps"][number]): string {
  const due = s.due && !s.action.toLowerCase().includes(s.due.toLowerCase()) ? ` — ${s.due}` : "";
  return `${s.owner_name}: ${s.action}${due}`;
}

function loggedLine(logged: LoggedCall | null): string | undefined {
  if (!logged) return undefined;
  if (logged.dealName) return `Logged as a call on ${logged.dealName} (${logged.accountName})${logged.nextStepUpdated ? `; next step set to "${logged.nextStep}"` : ""}.`;
  if (logged.accountName) return `Logged as a call on ${logged.accountName} (no open deal).`;
  return "Stored; no CRM account matched (pass a deal id to log it on a deal).";
}

/** The card for Slack and Teams. */
export function transcriptInsight(a: TranscriptAnalysis, logged: LoggedCall | null): TranscriptInsight {
  return {
    kind: "transcript",
    title: logged?.dealName ? `Call review — ${logged.dealName}` : "Call review",
    talkRatio: a.talk_ratio,
    basis: a.talk_ratio_basis,
    longestMonologue: monologue(a),
    questions: a.questions,
    sentiment: `customer ${a.sentiment.customer.trend} (${a.sentiment.customer.start.toFixed(2)} → ${a.sentiment.customer.end.toFixed(2)})`,
    outlook: { likelihood: a.outlook.likelihood, label: a.outlook.label },
    objections: a.objections.slice(0, 8).map((o) => ({ type: o.type, quote: o.quote, answered: o.answered })),
    nextSteps: a.next_steps.slice(0, 6).map(step),
    coaching: a.coaching.slice(0, 6).map((c) => ({ advice: c.advice, evidence: c.evidence.quote ? `"${c.evidence.quote}"` : c.evidence.figure })),
    logged: loggedLine(logged),
  };
}

/** The plain-text answer (every channel; the card adds structure, not facts). */
export function renderAnalysis(a: TranscriptAnalysis, logged: LoggedCall | null): string {
  const lines: string[] = [];
  const repNote = a.rep.method === "heuristic" ? ` (rep guessed: ${a.rep.speakers.join(", ")} — name the rep to be sure)` : ` (rep: ${a.rep.speakers.join(", ")})`;
  lines.push(`Call review: ${a.turns} turns, ${a.words} words${a.duration_seconds !== null ? `, ${Math.round(a.duration_seconds / 60)} min` : ""}${repNote}.`);
  lines.push(
    `Talk share: rep ${pct(a.talk_ratio.rep)} / customer ${pct(a.talk_ratio.customer)} by ${a.talk_ratio_basis}${a.talk_ratio_by_time ? ` (by words ${pct(a.talk_ratio_by_words.rep)} / ${pct(a.talk_ratio_by_words.customer)})` : ""}.`,
  );
  const m = monologue(a);
  lines.push(`Longest monologue ${m ?? "—"}; questions: rep ${a.questions.rep} (${a.discovery_questions} open), customer ${a.questions.customer}.`);
  if (a.patience.seconds !== null) lines.push(`Patience: ${a.patience.seconds.toFixed(2)} s before answering.`);
  lines.push(`Customer sentiment ${a.sentiment.customer.trend} (${a.sentiment.customer.start.toFixed(2)} → ${a.sentiment.customer.end.toFixed(2)}).`);
  if (a.objections.length) {
    lines.push("Objections:");
    for (const o of a.objections.slice(0, 8)) lines.push(`• ${o.type.replace("_", " ")}${o.answered ? "" : " (not answered)"}: "${o.quote}"`);
  } else lines.push("Objections: none found.");
  if (a.pain_points.length) lines.push(`Pain points: ${a.pain_points.slice(0, 3).map((p) => `"${p.quote}"`).join(" ")}`);
  if (a.competitors.length) lines.push(`Competitors: ${a.competitors.map((c) => c.name).join(", ")}.`);
  if (a.next_steps.length) {
    lines.push("Next steps:");
    for (const s of a.next_steps.slice(0, 6)) lines.push(`• ${step(s)}`);
  } else lines.push("Next steps: none agreed.");
  if (a.coaching.length) {
    lines.push("Coaching:");
    for (const c of a.coaching.slice(0, 6)) lines.push(`• ${c.advice}${c.evidence.quote ? ` Evidence: "${c.evidence.quote}"` : c.evidence.figure ? ` (${c.evidence.figure})` : ""}`);
  } else lines.push("Coaching: nothing to flag on this call.");
  lines.push(`Outlook: ${a.outlook.label} (${pct(a.outlook.likelihood)}) — ${a.outlook.signals.map((s) => `${s.weight > 0 ? "+" : "−"} ${s.signal}`).join(", ")}.`);
  const log = loggedLine(logged);
  if (log) lines.push(log);
  lines.push("", `Follow-up draft — ${a.follow_up_email.subject}`, a.follow_up_email.body);
  return lines.join("\n");
}
