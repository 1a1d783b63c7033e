import type { Passage, PickedSentence } from "./sentences.js";

export interface GroundedAnswer {
  /** The answer sentences with [n] markers, renumbered 1..k in order of first use. */
  body: string;
  /** "Sources:" followed by one line per cited document. */
  sources: string;
  cited: { n: number; title: string; source: string }[];
}

/** Joins picked sentences into an answer whose citation numbers point at the "Sources:" list below it. */
export function composeAnswer(picked: readonly PickedSentence[], passages: readonly Passage[]): GroundedAnswer {
  const renumber = new Map<string, number>();
  const cited: GroundedAnswer["cited"] = [];
  const parts = picked.map((s) => {
    const p = passages.find((x) => x.n === s.n)!;
    let n = renumber.get(p.source);
    if (n === undefined) {
      n = cited.length + 1;
      renumber.set(p.source, n);
      cited.push({ n, title: p.title, source: p.source });
    }
    const sentence = inContext(/[.!?]$/.test(s.text) ? s.text : `${s.text}.`, p.title);
    return `${sentence.slice(0, -1)} [${n}]${sentence.slice(-1)}`;
  });
  return {
    body: parts.join(" "),
    sources: ["Sources:", ...cited.map((c) => `[${c.n}] ${c.title} (${c.source})`)].join("\n"),
    cited,
  };
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
