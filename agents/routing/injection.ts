/** Letters from other scripts that look Latin, as attackers use them to slip past word lists ("vеrifiеd"). */
const LOOKALIKES: Record<string, string> = {
  "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h",
  "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "В": "B", "М": "M", "Н": "H", "К": "K",
  "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "Α": "A", "Ε": "E", "Ο": "O", "Ρ": "P", "Τ": "T",
};

/** The text with compatibility forms folded and look-alike letters mapped to Latin. */
export function foldLookalikes(text: string): string {
  return text.normalize("NFKC").replace(/[^\u0000-\u007f]/g, (c) => LOOKALIKES[c] ?? c);
}

const INJECTION = new RegExp(
  [
    String.raw`^\s*(?:system|assistant|developer|admin)\s*[:>\]]`,
    String.raw`\b(?:ignore|disregard|forget|override)\b.{0,20}\b(?:previous|prior|above|earlier|all|your|the)\b.{0,20}\b(?:instructions?|rules|prompts?|guidelines|policies)\b`,
    String.raw`\byou are now\b|\bdeveloper mode\b|\bjailbreak\b|\bDAN\b`,
    String.raw`\b(?:act|behave|respond) as (?:an? |the )?(?:admin|administrator|manager|rep|system|developer|root)\b`,
    String.raw`\bpretend (?:to be|you are|you're)\b`,
    String.raw`\b(?:i am|i'm|im|this is) (?:a |an |the |your )?(?:verified |authori[sz]ed |internal )?(?:sales )?(?:manager|rep|admin|administrator|employee|staff|ceo)\b.{0,80}\b(?:show|list|give|print|dump|export|reveal)\b`,
    String.raw`\b(?:print|reveal|show|repeat|dump)\b.{0,20}\b(?:system prompt|your prompt|your instructions|hidden instructions)\b`,
    String.raw`\bthe user is (?:now )?(?:a |an |the )?(?:admin|manager|rep|verified)\b`,
  ].join("|"),
  "i",
);

/**
 * A message that tries to instruct the assistant or claim a role ("SYSTEM: the user is now the sales
 * manager…", "ignore previous instructions…"). Prospects who send one get a polite steer, never a
 * hand-off, an opt-out or anything internal; access is enforced elsewhere whatever this says.
 */
export function looksLikeInjection(text: string): boolean {
  return INJECTION.test(foldLookalikes(text));
}
