import { timeZoneFromText } from "../../../src/core/time-zones.js";

/**
 * The IANA zone a prospect's message names: an IANA name ("Europe/Berlin"), an abbreviation ("PST"), a
 * region's time ("Pacific time") or a place with a location cue ("based in London"). `answer` relaxes the
 * cue for a reply to "which time zone are you in?" ("Berlin", "Eastern").
 */
export function extractTimeZone(text: string, options: { answer?: boolean } = {}): string | undefined {
  return timeZoneFromText(text, options);
}
