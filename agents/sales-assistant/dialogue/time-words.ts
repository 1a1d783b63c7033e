const DAY_WORDS =
  /\b(?:today|tonight|tomorrow|(?:this|next) (?:week|weekend)|early next week|later this week|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|sday|urday)?|morning|afternoon|evening|noon|midday|end of (?:the )?week|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b/i;
const CLOCK = /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b(?:at|after|before|around) \d{1,2}\b/i;

/** Words that name a day or a time ("Tuesday at 2pm", "next week, afternoons", "tomorrow morning"). */
export function looksLikeTimeRequest(text: string): boolean {
  return DAY_WORDS.test(text) || CLOCK.test(text);
}
