import type { FollowUpContext, OutreachRecipient } from "../../../src/core/outreach.js";

/** A rep's request for a follow-up, read from their words ("send a follow-up to Jane Doe about pricing"). */
export interface FollowUpRequest {
  channel: "email" | "sms";
  /** A person's name, when one was given ("Jane Doe", "Jane"). */
  personName?: string;
  topic?: string;
}

const FOLLOW_UP = /\b(follow[\s-]?up|followup|check[\s-]?in|thank[\s-]?you (?:note|email|message)|nudge)\b/i;
const SMS = /\b(sms|text message|text him|text her|text them|a text)\b/i;
const STOP = new Set(["about", "regarding", "re", "on", "after", "at", "from", "with", "that", "and", "to", "for", "saying", "asking", "today", "tomorrow", "by", "in", "of"]);
const NOT_A_NAME = new Set(["the", "a", "an", "my", "our", "their", "him", "her", "them", "me", "us", "email", "sms", "text", "follow", "up", "follow-up", "prospect", "contact", "lead", "customer", "client", "someone"]);

export function isFollowUpRequest(text: string): boolean {
  return FOLLOW_UP.test(text);
}

/** The channel, the person's name (the words after "to"/"for" up to "about", "at"…) and the topic. */
export function readFollowUpRequest(text: string): FollowUpRequest {
  const channel = SMS.test(text) ? "sms" : "email";
  const topicMatch = /\b(?:about|regarding|re:?|on the subject of)\s+(.+?)\s*[.!?]*$/i.exec(text);
  const topic = topicMatch?.[1]?.trim();
  let personName: string | undefined;
  const re = /\b(?:to|for)\s+([^,.;:!?]+)/gi;
  for (let m = re.exec(text); m && !personName; m = re.exec(text)) {
    const words: string[] = [];
    for (const w of m[1]!.trim().split(/\s+/)) {
      const bare = w.replace(/['’]s$/i, "");
      if (STOP.has(bare.toLowerCase())) break;
      words.push(bare);
    }
    if (words.length === 0 || words.length > 3 || NOT_A_NAME.has(words[0]!.toLowerCase())) continue;
    if (words.some((w) => NOT_A_NAME.has(w.toLowerCase()) || !/^[\p{L}][\p{L}'’.-]*$/u.test(w))) continue;
    personName = words.join(" ");
  }
  return { channel, ...(personName ? { personName } : {}), ...(topic ? { topic } : {}) };
}

const STAGE_LINE: Record<string, (deal: string) => string> = {
  prospecting: (d) => `I'd love to understand whether ${d} could help your team.`,
  qualification: (d) => `I want to make sure ${d} fits what your team needs.`,
  proposal: (d) => `I hope the proposal for ${d} answers your questions so far.`,
  negotiation: (d) => `I'd like to help us close out the remaining points on ${d}.`,
};

const ACTIVITY_WORD: Record<string, string> = {
  call: "our call",
  meeting: "our meeting",
  demo: "the demo",
  email: "your email",
  webinar: "joining our webinar",
  chat: "our chat",
};

function day(at: Date): string {
  return at.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
}

/** A plain follow-up from CRM facts only: the last activity, the deal's stage and its recorded next step. */
export function draftFollowUp(input: { recipient: OutreachRecipient; context: FollowUpContext; topic?: string; channel: "email" | "sms"; sender: string }): { subject: string; body: string } {
  const { recipient, context, topic } = input;
  const first = recipient.name.split(/\s+/)[0] ?? recipient.name;
  const activity = context.lastActivity;
  const thanks = activity && ACTIVITY_WORD[activity.kind] ? `Thank you for ${ACTIVITY_WORD[activity.kind]} on ${day(activity.at)}.` : "Thank you for your time recently.";
  const about = topic ? `I wanted to follow up about ${topic}.` : "I wanted to follow up on where things stand.";
  const stage = context.stage && context.dealName && STAGE_LINE[context.stage] ? STAGE_LINE[context.stage]!(context.dealName) : "";
  const next = context.nextStep ? `Our next step, as I have it: ${context.nextStep.replace(/\.$/, "")}. Does that still work for you?` : "What would be a good next step on your side?";
  const subject = topic ? `Following up: ${topic}` : context.dealName ? `Following up on ${context.dealName}` : "Following up";
  if (input.channel === "sms") {
    return { subject, body: `Hi ${first}, ${about.charAt(0).toLowerCase()}${about.slice(1)} ${next} – ${input.sender}` };
  }
  const body = [`Hi ${first},`, "", [thanks, about, stage].filter(Boolean).join(" "), "", next, "", "Best regards,", input.sender].join("\n");
  return { subject, body };
}
