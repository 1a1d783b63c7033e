import { isTimeZone } from "../../../tools/booking/zoned-time.js";

const ABBREVIATIONS: Record<string, string> = {
  et: "America/New_York", est: "America/New_York", edt: "America/New_York", eastern: "America/New_York",
  ct: "America/Chicago", cst: "America/Chicago", cdt: "America/Chicago", central: "America/Chicago",
  mt: "America/Denver", mst: "America/Denver", mdt: "America/Denver", mountain: "America/Denver",
  pt: "America/Los_Angeles", pst: "America/Los_Angeles", pdt: "America/Los_Angeles", pacific: "America/Los_Angeles",
  gmt: "Europe/London", bst: "Europe/London", utc: "UTC",
  cet: "Europe/Berlin", cest: "Europe/Berlin", ist: "Asia/Kolkata", aest: "Australia/Sydney", jst: "Asia/Tokyo", sgt: "Asia/Singapore",
};


/** A time zone the prospect named: an IANA name ("Europe/Berlin") or a common abbreviation ("PST"). */
export function extractTimeZone(text: string): string | undefined {
  for (const m of text.matchAll(/\b([A-Z][A-Za-z_]+\/[A-Z][A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/g)) {
    if (isTimeZone(m[1]!)) return m[1];
  }
  const abbr = text.match(/\b(ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|BST|UTC|CET|CEST|AEST|JST|SGT)\b/);
  if (abbr) return ABBREVIATIONS[abbr[1]!.toLowerCase()];
  const word = text.match(/\b(eastern|central|mountain|pacific) time\b/i);
  return word ? ABBREVIATIONS[word[1]!.toLowerCase()] : undefined;
}
