import type { Channel } from "../../../src/core/domain.js";
import type { Passage, PickedSentence } from "./sentences.js";

/** A document an answer cites. `url` when the document has a public address. */
export interface DocRef {
  title: string;
  source: string;
  url?: string;
}

export interface CitedDoc extends DocRef {
  n: number;
}

/** One sentence of an answer and the document that supports it; `row` when it is a rendered table row. */
export interface AnswerSentence {
  text: string;
  doc: DocRef;
  row?: boolean;
}

export interface GroundedAnswer {
  /** The answer sentences with [n] markers, numbered 1..k in order of first use across all parts. */
  body: string;
  /** The sources list for the channel ("" when nothing is cited). */
  sources: string;
  cited: CitedDoc[];
}

/**
 * Joins the parts of an answer (one per question asked) into one body whose citation numbers point at one
 * sources list. On the web, table rows become a short list; on SMS everything is plain sentences.
 */
export function composeParts(parts: readonly (readonly AnswerSentence[])[], channel: Channel): GroundedAnswer {
  const byKey = new Map<string, number>();
  const cited: CitedDoc[] = [];
  const cite = (doc: DocRef) => {
    let n = byKey.get(doc.source);
    if (n === undefined) {
      n = cited.length + 1;
      byKey.set(doc.source, n);
      cited.push({ n, ...doc });
    }
    return n;
  };
  const list = channel !== "sms";
  const paragraphs = parts
    .filter((p) => p.length > 0)
    .map((sentences) => {
      const lines: string[] = [];
      let prose = "";
      sentences.forEach((s, i) => {
        const n = cite(s.doc);
        const next = sentences[i + 1];
        // one marker after a run of rows from one table, not one per row
        const sameRun = s.row && next?.row && next.doc.source === s.doc.source;
        const plain = s.text.replace(/\s*:$/, ".");
        const text = s.row ? plain.replace(/[.!?]?$/, ".") : inContext(/[.!?]$/.test(plain) ? plain : `${plain}.`, s.doc.title);
        const marked = sameRun ? text : `${text.slice(0, -1)} [${n}]${text.slice(-1)}`;
        if (s.row && list) {
          if (prose) lines.push(prose);
          prose = "";
          lines.push(`- ${marked.slice(0, -1)}`);
        } else prose = prose ? `${prose} ${marked}` : marked;
      });
      if (prose) lines.push(prose);
      return lines.join("\n");
    });
  return { body: paragraphs.join(channel === "sms" ? " " : "\n\n"), sources: sourcesFor(cited, channel), cited };
}

/** Web, chat apps and the CLI: numbered titles (and addresses). SMS: one short line, never file paths. */
export function sourcesFor(cited: readonly CitedDoc[], channel: Channel): string {
  if (cited.length === 0) return "";
  if (channel === "sms") return `Sources: ${cited.map((c) => `[${c.n}] ${c.url ?? c.title}`).join("; ")}`;
  return ["Sources:", ...cited.map((c) => `[${c.n}] ${c.title}${c.url ? ` — ${c.url}` : ""}`)].join("\n");
}

/** The single-part form: picked sentences of ranked passages. */
export function composeAnswer(picked: readonly PickedSentence[], passages: readonly Passage[], channel: Channel = "web"): GroundedAnswer {
  const sentences = picked.map((s) => {
    const p = passages.find((x) => x.n === s.n)!;
    return { text: s.text, doc: { title: p.title, source: p.source, url: p.url }, row: p.rows?.includes(s.text) };
  });
  return composeParts([sentences], channel);
}

/**
 * A sentence lifted out of its page can lose its subject: "It replaces…" on the Helix Connect page, or a
 * bare "List price: $24,000" on the Governance page. Name the page's subject so the quote stays true.
 */
export function inContext(sentence: string, title: string): string {
  if (/^It\s/.test(sentence)) return `${title} ${sentence.slice(3)}`;
  if (/\$\s?\d/.test(sentence) && !sentence.toLowerCase().includes(title.toLowerCase()) && /^[A-Z][\w ]{0,40}$/.test(title) && !/\b(questions|overview|and)\b/i.test(title)) {
    return `${title} — ${sentence}`;
  }
  return sentence;
}

export function declineText(): string {
  return (
    "I don't know — I couldn't find that in our published documentation, and I'd rather not guess. " +
    "Would you like me to connect you with someone from our team who can answer it?"
  );
}

/** For one unanswered part of a several-part question. */
export function partDeclineText(question: string): string {
  const q = question.replace(/\s+/g, " ").trim();
  return `I couldn't find an answer to "${q.length > 80 ? `${q.slice(0, 77)}…` : q}" in our published documentation.`;
}
