import type { Extraction } from "./extraction-types.js";

export interface FollowUpDraft {
  subject: string;
  body: string;
  /** The recipient's name as the transcript gives it, when it looks like a person's. */
  to: string | null;
}

function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** "Ms. Davis" stays, "Customer" / "Speaker 2" give no name to greet. */
function greetable(label: string | undefined): string | null {
  if (!label) return null;
  const bare = label.replace(/\s*[([].*$/, "").trim();
  if (/^(?:customer|prospect|client|buyer|lead|speaker\s*\d*|caller|user|unknown|guest)$/i.test(bare)) return null;
  // "Ms. Davis" as written; "Dana Kim" → "Dana"
  return /^(?:mr|mrs|ms|miss|dr|prof)\.?\s/i.test(bare) ? bare : bare.split(/\s+/)[0]!;
}

/**
 * A follow-up e-mail drafted from the call: thanks, what the customer said matters to them (their words),
 * the concerns the rep promised to answer, and the next steps agreed, with owners and dates. Nothing in it
 * is invented; without agreed next steps it proposes one and says so. Sending is a separate, approved act.
 */
export function draftFollowUp(input: { extraction: Extraction; customer?: string; rep?: string; company?: string }): FollowUpDraft {
  const { extraction: x } = input;
  const to = greetable(input.customer);
  const lines: string[] = [`Hi ${to ?? "there"},`, "", "Thank you for your time today."];
  const pains = x.painPoints.slice(0, 2);
  if (pains.length) {
    lines.push("", "What I heard matters most to you:");
    for (const p of pains) lines.push(`- "${p.quote}"`);
  }
  const open = x.objections.slice(0, 3);
  if (open.length) {
    lines.push("", "You raised some points I want to make sure we cover:");
    for (const o of open) lines.push(`- ${o.type.replace("_", " ")}: "${o.quote}"`);
  }
  if (x.nextSteps.length) {
    lines.push("", "As agreed, next steps:");
    for (const s of x.nextSteps.slice(0, 5)) {
      const who = s.owner === "both" ? "Together" : s.owner === "rep" ? (input.rep ?? "Me") : (to ?? "You");
      lines.push(`- ${who}: ${lowerFirst(s.action)}${s.due && !s.action.toLowerCase().includes(s.due.toLowerCase()) ? ` (${s.due})` : ""}`);
    }
  } else {
    lines.push("", "We did not fix a next step on the call. Would a 30-minute follow-up next week work for you?");
  }
  lines.push("", "Best regards,", input.rep ?? "", input.company ?? "");
  const subject = x.nextSteps.length ? `Next steps from today's call${input.company ? ` with ${input.company}` : ""}` : `Thanks for today's call${input.company ? ` — ${input.company}` : ""}`;
  return { subject, body: lines.join("\n").replace(/\n+$/, "").trimEnd(), to };
}
