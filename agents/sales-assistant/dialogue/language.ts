import fs from "node:fs";

/**
 * Which language a prospect's message is in, with eld (efficient language detector, n-grams, 60
 * languages). Short texts are where detectors misfire ("ok" reads as Polish, an email address as
 * Portuguese, "Jean-Pierre Dubois" as French), so a message is judged only when, after emails, links and
 * numbers are taken out, it still has enough words — or enough letters of a non-Latin script — and eld
 * calls the result reliable with a clear lead over English. Otherwise: undefined (keep what we knew).
 */

type Eld = { detect(text: string): { language: string; isReliable(): boolean; getScores(): Record<string, number> } };
let loading: Promise<Eld> | undefined;
/** The medium database (≈0.7 s, ≈15 MB to load) on first use, so processes that never see a prospect don't pay. */
const detector = () => (loading ??= import("eld/medium").then((m) => m.eld as Eld));

const NOISE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bhttps?:\/\/\S+|\bwww\.\S+|[+(]?\d[\d\s().:/-]*\d|\d/g;
const NON_LATIN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Thai}\p{Script=Devanagari}]/gu;
const MIN_WORDS = 3;
const MIN_LETTERS = 12;
const MIN_NON_LATIN = 4;
/** How far ahead of English the top language must be. */
const MARGIN = 0.04;

/** Words of 3+ letters that count towards the minimum: the first, then lower-case ones (a capitalised word is often a name). */
function countableWords(text: string): number {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.filter((w, i) => (i === 0 || w[0] === w[0]!.toLowerCase()) && w.length >= 3).length;
}

/** "en", another ISO 639-1 code, or undefined when the message is too short or unclear to tell. */
export async function detectLanguage(text: string): Promise<string | undefined> {
  const cleaned = text.replace(NOISE, " ").replace(/\s+/g, " ").trim();
  const nonLatin = cleaned.match(NON_LATIN)?.length ?? 0;
  const letters = cleaned.match(/\p{L}/gu)?.length ?? 0;
  if (nonLatin < MIN_NON_LATIN && (letters < MIN_LETTERS || countableWords(cleaned) < MIN_WORDS)) return undefined;
  const result = (await detector()).detect(cleaned);
  if (!result.language || !result.isReliable()) return undefined;
  if (result.language === "en") return "en";
  const scores = result.getScores();
  const top = scores[result.language] ?? 0;
  if (nonLatin < MIN_NON_LATIN && (scores.en ?? 0) > top - MARGIN) return undefined;
  return result.language;
}

const names = new Intl.DisplayNames(["en"], { type: "language" });

/** "German" for "de": for a prompt that says which language to reply in. */
export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

const NOTICES = JSON.parse(fs.readFileSync(new URL("./language-notices.json", import.meta.url), "utf8")) as Record<string, string>;

/** Whether the local notice exists in this language (else it is given in English). */
export function hasNotice(code: string): boolean {
  return code !== "default" && !code.startsWith("_") && code in NOTICES;
}

/**
 * The local-mode reply to a message in another language: in that language when we have it, saying that
 * answers come in English and offering a person; the English sentence follows on channels with room for it.
 */
export function languageNotice(code: string, options: { short?: boolean } = {}): string {
  const english = NOTICES.default!;
  if (!hasNotice(code)) return english;
  return options.short ? NOTICES[code]! : `${NOTICES[code]}\n\n(${english})`;
}
