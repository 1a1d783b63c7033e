import type { ContentAngle, ContentChannel } from "../../src/core/content.js";
import type { Draft } from "./draft.js";
import type { ContentFacts } from "./facts.js";

/**
 * Local mode: well-written templates per channel and angle, filled from the facts (knowledge base, segment
 * profile, offer, deal). Each angle argues differently — value (what they get), proof (a measured result),
 * urgency (a real date or offer, else a timely reason), question (their problem, asked) — so the three
 * variants test ideas, not synonyms. `{{first_name}}` is filled at send time.
 */
export const FIRST_NAME = "{{first_name}}";

/** Value, then proof when a measured result exists, urgency when an offer or date exists, question to make three. */
export function chooseAngles(facts: Pick<ContentFacts, "proof" | "offer" | "deadline">): ContentAngle[] {
  const angles: ContentAngle[] = ["value"];
  if (facts.proof) angles.push("proof");
  if (facts.offer || facts.deadline) angles.push("urgency");
  angles.push("question");
  if (angles.length < 3) angles.push("urgency");
  return angles.slice(0, 3);
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const shortTopic = (t: string) => cap(t.replace(/^(the|our|a|an)\s+/i, ""));

function briefly(text: string, max: number): string {
  if (text.length <= max) return text;
  const words = text.split(/\s+/);
  let out = "";
  for (const w of words) {
    if ((out ? `${out} ${w}` : w).length > max) break;
    out = out ? `${out} ${w}` : w;
  }
  return out || text.slice(0, max);
}

interface Parts {
  f: ContentFacts;
  topic: string;
  Topic: string;
  /** The topic in at most 28 characters, for subject lines, SMS and headlines. */
  brief: string;
  Brief: string;
  who: string;
  cites: number[];
}

function parts(f: ContentFacts): Parts {
  const brief = briefly(f.topic, 28);
  return { f, topic: f.topic, Topic: shortTopic(f.topic), brief, Brief: shortTopic(brief), who: f.segment.audience, cites: [] };
}

function use(p: Parts, fact: { text: string; n: number } | undefined): string | undefined {
  if (!fact) return undefined;
  if (!p.cites.includes(fact.n)) p.cites.push(fact.n);
  return fact.text;
}

const segmentCite = (p: Parts) => {
  const s = p.f.sources.find((x) => x.kind === "segment");
  if (s && !p.cites.includes(s.n)) p.cites.push(s.n);
};

function subjectLine(angle: ContentAngle, p: Parts): string {
  const { f } = p;
  switch (angle) {
    case "value":
      return `${p.Brief}: clearer answers for ${p.who}`;
    case "proof": {
      const proof = f.proof && f.proof.text.length <= 60 ? use(p, f.proof) : undefined;
      return proof ?? `How teams like yours got results with ${f.company}`;
    }
    case "urgency": {
      const offer = use(p, f.offer);
      if (offer) return `${cap(offer)}${f.deadline ? ` — ${f.deadline}` : ""}`;
      return f.deadline ? `${p.Brief}: save your place ${f.deadline}` : `${p.Brief} starts soon — save your place`;
    }
    case "question":
      return `${FIRST_NAME}, is ${p.brief} on your list this quarter?`;
  }
}

function emailBody(angle: ContentAngle, p: Parts): string {
  const { f } = p;
  const hello = `Hi ${FIRST_NAME},`;
  const bye = `Best,\nThe ${f.company} team`;
  segmentCite(p);
  switch (angle) {
    case "value": {
      const value = use(p, f.value);
      return [
        hello,
        `We put together ${p.topic} for ${p.who} who want answers from their data without waiting on a report queue.`,
        value ? `${value}.` : `You'll see how ${f.company} turns scattered numbers into one view your whole team can act on.`,
        `Would it help if I saved you a place?`,
        bye,
      ].join("\n\n");
    }
    case "proof": {
      const proof = use(p, f.proof);
      return [
        hello,
        proof ? `One result a customer shared with us: ${proof.charAt(0).toLowerCase()}${proof.slice(1)}.` : `Teams like yours use ${f.company} to get to the numbers that matter faster.`,
        `In ${p.topic} we walk through how they did it, step by step, so you can judge whether it fits your team.`,
        `Reply "yes" and I'll send the details.`,
        bye,
      ].join("\n\n");
    }
    case "urgency": {
      const offer = use(p, f.offer);
      const when = f.deadline ? ` ${f.deadline}` : " soon";
      return [
        hello,
        offer ? `A short heads-up: ${offer}${f.deadline ? `, ${f.deadline}` : ""}.` : `A short heads-up: ${p.topic} is coming up${when}, and places are filling.`,
        `If it's on your list for this quarter, now is the easiest time to act on it.`,
        `Shall I hold a spot for you?`,
        bye,
      ].join("\n\n");
    }
    case "question":
      return [
        hello,
        `How long does it take your team today to answer a simple question about last month's numbers?`,
        `If the honest answer is "days", ${p.topic} is worth an hour of your time: we show how ${p.who} get there in minutes.`,
        `Want me to send the agenda?`,
        bye,
      ].join("\n\n");
  }
}

function sms(angle: ContentAngle, p: Parts): string {
  const { f } = p;
  switch (angle) {
    case "value":
      return `Hi ${FIRST_NAME}, ${p.brief} shows ${p.who} how to get answers from their data in minutes. Want a place?`;
    case "proof": {
      const proof = use(p, f.proof);
      return proof ? `${proof}. See how in ${p.brief}. Interested?` : `Teams like yours already use ${f.company} for faster answers. See how in ${p.brief}.`;
    }
    case "urgency": {
      const offer = use(p, f.offer);
      return offer ? `${cap(offer)}${f.deadline ? ` ${f.deadline}` : ""}. Reply YES to claim it.` : `${p.Brief} is ${f.deadline ?? "coming up soon"}. Reply YES to save your place.`;
    }
    case "question":
      return `Quick question, ${FIRST_NAME}: how long does a simple data question take your team? ${p.Brief} shows a faster way. Reply YES for details.`;
  }
}

function linkedin(angle: ContentAngle, p: Parts): string {
  const { f } = p;
  const tag = `#${p.Topic.replace(/[^A-Za-z0-9]+/g, "")} #Analytics`;
  segmentCite(p);
  switch (angle) {
    case "value": {
      const value = use(p, f.value);
      return [
        `Most ${p.who} don't lack data. They lack time to turn it into decisions.`,
        value ? `${value}.` : `${f.company} puts the numbers your team needs in one place, in plain language.`,
        `That's what ${p.topic} is about. Join us.`,
        tag,
      ].join("\n\n");
    }
    case "proof": {
      const proof = use(p, f.proof);
      return [
        proof ? `The result we hear most from customers: ${proof.charAt(0).toLowerCase()}${proof.slice(1)}.` : `Customers tell us the biggest change is speed: questions answered the same day.`,
        `In ${p.topic}, we'll show exactly how they got there, with the real setup and what they'd do differently.`,
        tag,
      ].join("\n\n");
    }
    case "urgency": {
      const offer = use(p, f.offer);
      return [
        offer ? `${cap(offer)}${f.deadline ? `, ${f.deadline}` : ""}.` : `${p.Topic} is ${f.deadline ?? "almost here"}.`,
        `If better reporting is on your plan for this quarter, this is the moment to start. Comment or message us for a place.`,
        tag,
      ].join("\n\n");
    }
    case "question":
      return [
        `Question for ${p.who}: what's one report you wish you had every Monday but never do?`,
        `We built ${p.topic} around answers to exactly that. Tell us yours in the comments.`,
        tag,
      ].join("\n\n");
  }
}

function ad(angle: ContentAngle, p: Parts): Pick<Draft, "headlines" | "descriptions"> {
  const { f } = p;
  switch (angle) {
    case "value":
      return {
        headlines: [p.Brief, "Answers In Minutes", `Analytics By ${f.company}`],
        descriptions: [`See how ${p.who} turn scattered data into one clear view. Save your place.`, "Plain-language answers your whole team can act on."],
      };
    case "proof": {
      const proof = use(p, f.proof);
      return {
        headlines: ["Real Customer Results", p.Brief, "See How They Did It"],
        descriptions: [proof ? `${proof}.` : `Teams like yours get answers faster with ${f.company}.`, "Learn the exact setup in one hour. Join us."],
      };
    }
    case "urgency": {
      const offer = use(p, f.offer);
      return {
        headlines: [offer ? cap(offer) : "Places Are Limited", f.deadline ? cap(f.deadline) : "Register Today", p.Brief],
        descriptions: [offer ? `${cap(offer)}${f.deadline ? ` ${f.deadline}` : ""}. Claim it today.` : `${p.Brief} is coming up soon. Register while places last.`, `Built for ${p.who}.`],
      };
    }
    case "question":
      return {
        headlines: ["Waiting Days For Reports?", "Get Answers Faster", p.Brief],
        descriptions: ["How long does one data question take your team? There's a faster way.", `Find out in ${p.brief}.`],
      };
  }
}

function followUp(angle: ContentAngle, p: Parts): { subject: string; text: string } {
  const d = p.f.deal;
  const deal = d?.name ?? p.topic;
  const next = d?.nextStep ? ` As agreed, the next step is: ${d.nextStep}.` : "";
  const hello = `Hi ${d?.firstName ?? FIRST_NAME},`;
  const bye = `Best,\nThe ${p.f.company} team`;
  switch (angle) {
    case "value":
      return { subject: `${deal}: what you'll get from the next step`, text: [hello, `Thanks again for your time on ${deal}.${next}`, `The short version of the value for your team: faster answers from the data you already have, without adding headcount.`, bye].join("\n\n") };
    case "proof": {
      const proof = use(p, p.f.proof);
      return { subject: `${deal}: how a similar team did it`, text: [hello, proof ? `A result from a customer in a similar spot: ${proof.charAt(0).toLowerCase()}${proof.slice(1)}.` : `Customers in a similar spot got their first dashboards live within weeks.`, `Happy to connect you with them if that would help.${next}`, bye].join("\n\n") };
    }
    case "urgency":
      return { subject: `${deal}: timing for this quarter`, text: [hello, `To have this running before the end of the quarter, we'd need to agree the plan in the next two weeks.${next}`, `Does a 20-minute call this week work?`, bye].join("\n\n") };
    case "question":
      return { subject: `${deal}: one question before we continue`, text: [hello, `What would make this an easy yes for your team?${next}`, `Reply with one line and I'll take it from there.`, bye].join("\n\n") };
  }
}

/** The local draft for one angle on one channel; `cites` lists the facts it used. */
export function templateDraft(channel: ContentChannel, angle: ContentAngle, facts: ContentFacts): Draft {
  const p = parts(facts);
  switch (channel) {
    case "subject":
      return { angle, text: subjectLine(angle, p), cites: p.cites };
    case "email": {
      const subject = subjectLine(angle, p);
      return { angle, subject, text: emailBody(angle, p), cites: p.cites };
    }
    case "sms":
      return { angle, text: sms(angle, p), cites: p.cites };
    case "linkedin":
      return { angle, text: linkedin(angle, p), cites: p.cites };
    case "ad": {
      const a = ad(angle, p);
      return { angle, text: [...(a.headlines ?? []), ...(a.descriptions ?? [])].join(" "), ...a, cites: p.cites };
    }
    case "follow_up":
      return { angle, ...followUp(angle, p), cites: p.cites };
  }
}
