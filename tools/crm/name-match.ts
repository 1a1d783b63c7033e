/**
 * Fuzzy name resolution for plain-language questions ("how's the globex deal?"): finds which known names
 * (accounts, reps, regions) a message mentions, tolerant of case, punctuation, legal suffixes and small typos.
 */
const SUFFIXES = new Set(["inc", "llc", "ltd", "corp", "corporation", "co", "gmbh", "plc", "sa", "ag", "group", "the"]);

export function nameTokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/'s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0 && !SUFFIXES.has(t));
}

/** Damerau-free Levenshtein distance, early exit above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

function tokenMatches(nameToken: string, textToken: string): boolean {
  if (nameToken === textToken) return true;
  if (nameToken.length < 5) return false; // short tokens must match exactly, or "ace" finds "acme"
  return editDistance(nameToken, textToken, nameToken.length >= 8 ? 2 : 1) <= (nameToken.length >= 8 ? 2 : 1);
}

export interface NameMatch {
  name: string;
  score: number;
}

/**
 * Scores each candidate by the share of its distinctive tokens found in the text (in order, adjacent),
 * returning matches with score ≥ minScore, best first.
 */
export function matchNames(text: string, candidates: readonly string[], minScore = 0.99): NameMatch[] {
  const words = nameTokens(text);
  const matches: NameMatch[] = [];
  for (const name of candidates) {
    const tokens = nameTokens(name);
    if (tokens.length === 0) continue;
    let best = 0;
    for (let start = 0; start < words.length; start++) {
      let hit = 0;
      while (hit < tokens.length && start + hit < words.length && tokenMatches(tokens[hit]!, words[start + hit]!)) hit++;
      best = Math.max(best, hit / tokens.length);
    }
    // A one-token prefix of a multi-word name ("globex" for "Globex Industries") counts when it is distinctive.
    if (best < minScore && tokens.length > 1 && tokens[0]!.length >= 5 && words.some((w) => tokenMatches(tokens[0]!, w))) {
      best = Math.max(best, 0.99);
    }
    if (best >= minScore) matches.push({ name, score: best + tokens.length * 1e-3 });
  }
  return matches.sort((a, b) => b.score - a.score);
}
