import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { analyzeTranscript, type TranscriptAnalysis } from "../tools/transcripts/analyze.js";
import { parseTranscript } from "../tools/transcripts/parse.js";

/**
 * Call intelligence on ../shared/data/transcripts: the 12 AMI meetings (QMSum JSON) and the 18 sales
 * dialogues. Talk share and the longest monologue are recomputed here independently — a separate reader and
 * word count written from the definitions (annotations out, a word holds a letter or digit, consecutive lines
 * of a speaker are one turn) — and compared with the analyser's. Rep identification and extraction are
 * scored against hand labels in evals/datasets/transcript-labels.yaml.
 */
interface Label {
  id: string;
  rep: string;
  objections: { turn: number; type: string }[];
  next_step: boolean;
}

interface Figures {
  repWords: number;
  totalWords: number;
  longestRepTurnWords: number;
}

/** Independent of tools/transcripts: raw (speaker, text) pairs → figures for the given rep speakers. */
function independentFigures(pairs: [string, string][], rep: Set<string>): Figures {
  const words = (text: string) =>
    text
      .replace(/\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g, " ")
      .split(/\s+/)
      .filter((w) => /[A-Za-z0-9\u00C0-\u024F]/.test(w)).length;
  const merged: [string, number][] = [];
  for (const [speaker, text] of pairs) {
    const last = merged[merged.length - 1];
    if (last && last[0] === speaker) last[1] += words(text);
    else merged.push([speaker, words(text)]);
  }
  let repWords = 0;
  let totalWords = 0;
  let longest = 0;
  for (const [speaker, n] of merged) {
    totalWords += n;
    if (rep.has(speaker)) {
      repWords += n;
      longest = Math.max(longest, n);
    }
  }
  return { repWords, totalWords, longestRepTurnWords: longest };
}

interface Case {
  name: string;
  text: string;
  filename?: string;
  pairs: [string, string][];
  rep: string;
}

function loadCases(dir: string): { ami: Case[]; sales: Case[] } {
  const amiDir = path.join(dir, "qmsum-ami");
  const ami = fs
    .readdirSync(amiDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(amiDir, f), "utf8");
      const turns = (JSON.parse(text) as { meeting_transcripts: { speaker: string; content: string }[] }).meeting_transcripts;
      return { name: f, text, filename: f, pairs: turns.map((t) => [t.speaker, t.content] as [string, string]), rep: "Project Manager" };
    });
  const sales = fs
    .readFileSync(path.join(dir, "sales-dialogues/dialogues.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const d = JSON.parse(line) as { id: string; text: string };
      const pairs: [string, string][] = [];
      for (const l of d.text.split("\n")) {
        const at = l.indexOf(": ");
        // a line without a label ("[They walk through the factory]") continues the turn above
        if (at < 0 || /^\[/.test(l)) pairs[pairs.length - 1]![1] += ` ${l}`;
        else pairs.push([l.slice(0, at), l.slice(at + 2)]);
      }
      return { name: d.id, text: d.text, pairs, rep: pairs[0]![0] };
    });
  return { ami, sales };
}

export interface TranscriptsEvalResult {
  skipped?: string;
  figures: { set: string; calls: number; talkShareMaxDiff: number; talkShareExact: number; monologueExact: number }[];
  repIdentification: { correct: number; total: number; byMethod: Record<string, number> };
  objections: { tp: number; fp: number; fn: number; precision: number; recall: number; typedTp: number };
  nextSteps: { correct: number; total: number };
  msPerCall: number;
}

export async function runTranscriptsEval(dir: string, labelsFile = path.join(import.meta.dirname, "datasets/transcript-labels.yaml")): Promise<TranscriptsEvalResult> {
  const empty = { figures: [], repIdentification: { correct: 0, total: 0, byMethod: {} }, objections: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, typedTp: 0 }, nextSteps: { correct: 0, total: 0 }, msPerCall: 0 };
  if (!fs.existsSync(dir)) return { skipped: `needs ${dir} (the shared transcripts); it is not there`, ...empty };
  const { ami, sales } = loadCases(dir);
  const labels = new Map((YAML.parse(fs.readFileSync(labelsFile, "utf8")) as Label[]).map((l) => [l.id, l]));
  const result: TranscriptsEvalResult = { ...empty, figures: [], repIdentification: { correct: 0, total: 0, byMethod: {} } };
  let ms = 0;
  let calls = 0;

  for (const [set, cases] of [["AMI meetings (rep = Project Manager)", ami], ["sales dialogues (rep = first speaker)", sales]] as const) {
    let maxDiff = 0;
    let exact = 0;
    let monologue = 0;
    for (const c of cases) {
      const started = performance.now();
      const a = await analyzeTranscript(parseTranscript(c.text, { filename: c.filename }), { rep: { explicit: [c.rep] } });
      ms += performance.now() - started;
      calls += 1;
      const f = independentFigures(c.pairs, new Set([c.rep]));
      const expected = f.repWords / f.totalWords;
      const diff = Math.abs(a.talk_ratio_by_words.rep - expected);
      maxDiff = Math.max(maxDiff, diff);
      if (diff < 5e-5) exact += 1;
      if (a.longest_monologue?.words === f.longestRepTurnWords) monologue += 1;
    }
    result.figures.push({ set, calls: cases.length, talkShareMaxDiff: maxDiff, talkShareExact: exact, monologueExact: monologue });
  }

  for (const c of sales) {
    const label = labels.get(c.name);
    if (!label) continue;
    const a: TranscriptAnalysis = await analyzeTranscript(parseTranscript(c.text));
    result.repIdentification.total += 1;
    if (a.rep.speakers.length === 1 && a.rep.speakers[0] === label.rep) result.repIdentification.correct += 1;
    result.repIdentification.byMethod[a.rep.method] = (result.repIdentification.byMethod[a.rep.method] ?? 0) + 1;
    const found = new Set(a.objections.map((o) => o.turn));
    const wanted = new Map(label.objections.map((o) => [o.turn, o.type]));
    for (const o of a.objections) {
      if (wanted.has(o.turn)) {
        result.objections.tp += 1;
        if (wanted.get(o.turn) === o.type) result.objections.typedTp += 1;
      } else result.objections.fp += 1;
    }
    for (const turn of wanted.keys()) if (!found.has(turn)) result.objections.fn += 1;
    result.nextSteps.total += 1;
    if ((a.next_steps.length > 0) === label.next_step) result.nextSteps.correct += 1;
  }
  const o = result.objections;
  o.precision = o.tp + o.fp ? o.tp / (o.tp + o.fp) : 0;
  o.recall = o.tp + o.fn ? o.tp / (o.tp + o.fn) : 0;
  result.msPerCall = calls ? ms / calls : 0;
  return result;
}

export function formatTranscriptsReport(r: TranscriptsEvalResult): string {
  if (r.skipped) return `skipped: ${r.skipped}`;
  const lines = ["set | calls | talk share = independent (±0.00005) | max |diff| | longest monologue = independent", "---|---|---|---|---"];
  for (const f of r.figures) lines.push(`${f.set} | ${f.calls} | ${f.talkShareExact}/${f.calls} | ${f.talkShareMaxDiff.toExponential(1)} | ${f.monologueExact}/${f.calls}`);
  const o = r.objections;
  lines.push(
    "",
    `rep identified without --rep (sales dialogues): ${r.repIdentification.correct}/${r.repIdentification.total} (${Object.entries(r.repIdentification.byMethod).map(([m, n]) => `${m} ${n}`).join(", ")})`,
    `objections (by turn, hand labels): precision ${o.precision.toFixed(2)} (${o.tp}/${o.tp + o.fp}), recall ${o.recall.toFixed(2)} (${o.tp}/${o.tp + o.fn}); type right on ${o.typedTp}/${o.tp} found`,
    `next step agreed (yes/no per call): ${r.nextSteps.correct}/${r.nextSteps.total}`,
    `analysis time: ${r.msPerCall.toFixed(1)} ms per call (local mode)`,
  );
  return lines.join("\n");
}
