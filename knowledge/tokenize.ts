/**
 * The one tokenizer of the knowledge base, shared by BM25 and the local embedder so both see the same terms.
 * Lower-cased, accents folded, English stop words dropped, a light suffix stemmer (pricing/prices/priced
 * → pric) and numbers kept whole ("36,000" → "36000", "99.9").
 */

const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by " +
    "can cannot could did do does doing down during each few for from further had has have having he her here hers herself " +
    "him himself his how i if in into is it its itself just let me more most my myself no nor not of off on once only or other " +
    "our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these " +
    "they this those through to too under until up very was we were what when where which while who whom why will with would " +
    "you your yours yourself yourselves also us may might must shall via per etc e g ie eg i'm we're you're it's don't does doesn't"
  ).split(/\s+/),
);

const TOKEN = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Words of the text in order, lower-cased and accent-folded, before stop-word removal and stemming. */
export function words(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const out: string[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    let w = match[0].replace(/[’]/g, "'");
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(w)) w = w.replace(/,/g, "");
    else if (w.includes(",")) {
      out.push(...w.split(",").filter(Boolean));
      continue;
    }
    if (w.endsWith("'s")) w = w.slice(0, -2);
    out.push(w);
  }
  return out;
}

/** Content terms: stop words removed, each stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP_WORDS.has(w)) continue;
    out.push(stem(w.replace(/'/g, "")));
  }
  return out;
}

/**
 * A deliberately small suffix stripper: enough to meet plural, -ing, -ed, -ion and -ment variants of one
 * word, never so aggressive that unrelated words collapse (char n-grams in the embedder cover the rest).
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(sses|xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  let verbal = false;
  if (w.endsWith("ing") && w.length >= 6) [w, verbal] = [w.slice(0, -3), true];
  else if (w.endsWith("ed") && w.length >= 6) [w, verbal] = [w.slice(0, -2), true];
  else if (w.endsWith("tion") && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith("ment") && w.length > 7) w = w.slice(0, -4);

  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  // running → runn → run, but billing → bill and access stay whole
  if (verbal && w.length >= 4 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}
