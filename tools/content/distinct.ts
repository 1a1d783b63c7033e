/**
 * How alike two variants are: Jaccard overlap of their content words (stop words, the personalisation token
 * and the opt-out line left out). Three variants "differ" when every pair stays below the threshold.
 */
export const MAX_OVERLAP = 0.5;

const STOP = new Set(
  "a an the and or but of to in on at for with by from your you our we us is are be it this that as how what who can will it's i me my".split(" "),
);

export function contentWords(text: string): Set<string> {
  return new Set(
    text
      .replace(/\{\{[^}]*\}\}/g, " ")
      .replace(/reply stop to opt out\.?/gi, " ")
      .toLowerCase()
      .split(/[^a-z0-9%$]+/)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

export function lexicalOverlap(a: string, b: string): number {
  const A = contentWords(a);
  const B = contentWords(b);
  if (A.size === 0 && B.size === 0) return 1;
  let shared = 0;
  for (const w of A) if (B.has(w)) shared += 1;
  return shared / (A.size + B.size - shared);
}

export function maxPairwiseOverlap(texts: readonly string[]): number {
  let max = 0;
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) max = Math.max(max, lexicalOverlap(texts[i]!, texts[j]!));
  return max;
}
