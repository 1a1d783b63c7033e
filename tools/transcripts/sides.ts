import type { Side, Turn } from "./types.js";
import { isQuestion, sentencesOf, stripAnnotations } from "./words.js";

/** How the rep's side was decided, strongest first; `heuristic` is a guess and is reported as one. */
export type RepMethod = "explicit" | "configured" | "crm" | "label" | "introduction" | "heuristic";

export interface RepIdentification {
  method: RepMethod;
  /** Speaker labels on the rep's side (the seller's team). */
  repSpeakers: string[];
  note: string;
}

export interface RepHints {
  /** `--rep NAME` (several allowed): names or e-mail addresses. */
  explicit?: string[];
  /** Names or e-mails configured for the team (TRANSCRIPT_REPS). */
  configured?: string[];
  /** Names of the CRM's users (reps table). */
  crmUsers?: string[];
  /** The seller's company: a speaker labelled "Sam (Helix Data)" is on the rep side. */
  company?: string;
}

const REP_LABELS = /^(?:sales ?person|sales ?rep(?:resentative)?|rep|agent|seller|ae|sdr|bdr|account executive|account manager|sales|salesman|saleswoman|sales agent|host|consultant|advisor)(?:\s*\d+)?$/i;
const CUSTOMER_LABELS = /^(?:customer|prospect|client|buyer|lead|caller|user|homeowner|patient|guest|visitor)(?:\s*\d+)?$/i;
/** A label with an honorific ("Ms. Davis") is how a seller writes down the person they called. */
const HONORIFIC = /^(?:mr|mrs|ms|miss|dr|prof)\.?\s/i;

function tokens(text: string): string[] {
  return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean);
}

/** "sam.lee@helix.example" → "sam lee"; a name stays a name. */
function nameOf(hint: string): string {
  const at = hint.indexOf("@");
  return (at > 0 ? hint.slice(0, at).replace(/[._+-]+/g, " ") : hint).trim();
}

/**
 * Does a speaker label name this person? All of the hint's name tokens must be in the label ("Sam Lee"
 * matches "Sam Lee (Helix)" and "sam lee"), or the label is the hint's first name alone ("Sam").
 */
export function labelMatches(label: string, hint: string): boolean {
  const l = tokens(label);
  const h = tokens(nameOf(hint));
  if (h.length === 0 || l.length === 0) return false;
  if (hint.includes("@") && label.toLowerCase().includes(hint.toLowerCase())) return true;
  if (h.every((t) => l.includes(t))) return true;
  return l.length === 1 && l[0] === h[0];
}

function matching(speakers: string[], hints: string[] | undefined): string[] {
  if (!hints?.length) return [];
  return speakers.filter((s) => hints.some((h) => labelMatches(s, h)));
}

const INTRODUCTION = /\b(?:[Ii]['’]m|[Ii] am|[Tt]his is|[Mm]y name is|[Nn]ame['’]s)\s+\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?(?:,[^.!?]{0,50}?)?,?\s+(?:from|with|at|of|here at|calling from)\s+(\p{Lu}[^.,!?]{0,60})/u;

/** Does the speaker introduce themselves as from a company ("this is Emily from CloudTech") in the first turns? */
function introducesFrom(turns: Turn[], speaker: string, company?: string[]): boolean {
  return turns.slice(0, 4).some((t) => {
    if (t.speaker !== speaker) return false;
    const m = INTRODUCTION.exec(stripAnnotations(t.text));
    return m !== null && (!company || company.every((c) => tokens(m[1]!).includes(c)));
  });
}

/**
 * The last resort: who opens the call, introduces themselves as from a company, and asks the most
 * questions. Scores: opening 1.5, introduction 2, share of all questions ×2 (a seller asks), and −2 for a
 * label with an honorific ("Dr. Roberts" is the person called).
 */
function heuristicRep(turns: Turn[], speakers: string[]): string {
  const questions = new Map<string, number>();
  let all = 0;
  for (const t of turns) {
    const q = sentencesOf(stripAnnotations(t.text)).filter(isQuestion).length;
    questions.set(t.speaker, (questions.get(t.speaker) ?? 0) + q);
    all += q;
  }
  let best = speakers[0]!;
  let bestScore = -Infinity;
  for (const s of speakers) {
    const score =
      (turns[0]?.speaker === s ? 1.5 : 0) +
      (introducesFrom(turns, s) ? 2 : 0) +
      (all ? (2 * (questions.get(s) ?? 0)) / all : 0) -
      (HONORIFIC.test(s) ? 2 : 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** Thrown for an explicit `--rep` that names nobody in the call: that is bad input, not a guess to make. */
export class UnknownRepError extends Error {}

export function identifyRep(turns: Turn[], hints: RepHints = {}): RepIdentification {
  const speakers = [...new Set(turns.map((t) => t.speaker))];
  const explicit = matching(speakers, hints.explicit);
  if (hints.explicit?.length) {
    if (explicit.length === 0) {
      throw new UnknownRepError(`--rep ${hints.explicit.map((h) => `'${h}'`).join(", ")} matches no speaker (speakers: ${speakers.join(", ")})`);
    }
    if (explicit.length === speakers.length) throw new UnknownRepError("--rep names every speaker; a call needs a customer side");
    return { method: "explicit", repSpeakers: explicit, note: "rep named on request" };
  }
  const configured = matching(speakers, hints.configured);
  if (configured.length && configured.length < speakers.length) return { method: "configured", repSpeakers: configured, note: "rep matched a configured team member" };
  const crm = matching(speakers, hints.crmUsers);
  if (crm.length && crm.length < speakers.length) return { method: "crm", repSpeakers: crm, note: "rep matched a CRM user" };
  const company = hints.company ? tokens(hints.company).filter((t) => t.length > 2) : [];
  const byLabel = speakers.filter((s) => REP_LABELS.test(s.trim()) || (company.length > 0 && /[([]/.test(s) && company.every((t) => tokens(s).includes(t))));
  if (byLabel.length && byLabel.length < speakers.length) return { method: "label", repSpeakers: byLabel, note: "rep read from the speaker labels" };
  const customers = speakers.filter((s) => CUSTOMER_LABELS.test(s.trim()));
  if (customers.length && customers.length < speakers.length) {
    return { method: "label", repSpeakers: speakers.filter((s) => !customers.includes(s)), note: "customer read from the speaker labels; everyone else is the rep side" };
  }
  if (company.length) {
    const introduced = speakers.filter((s) => introducesFrom(turns, s, company));
    if (introduced.length === 1) return { method: "introduction", repSpeakers: introduced, note: `rep introduced themselves as from ${hints.company}` };
  }
  const guess = heuristicRep(turns, speakers);
  return {
    method: "heuristic",
    repSpeakers: [guess],
    note: `guessed: ${guess} opens, introduces themselves or asks the most questions; pass --rep NAME to be sure`,
  };
}

export function sideOf(speaker: string, rep: RepIdentification): Side {
  return rep.repSpeakers.includes(speaker) ? "rep" : "customer";
}

