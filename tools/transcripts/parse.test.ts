import { describe, expect, it } from "vitest";
import { parseTranscript, TranscriptParseError } from "./parse.js";

describe("transcript formats", () => {
  it("reads plain Speaker: text turns, continuation lines and a preface", () => {
    const t = parseTranscript("Here is my call with Globex:\n\nSam: Hi Dana.\nHow are you?\nDana Kim: Fine, thanks.\nSam: Great.");
    expect(t.format).toBe("plain");
    expect(t.turns).toEqual([
      { speaker: "Sam", text: "Hi Dana. How are you?" },
      { speaker: "Dana Kim", text: "Fine, thanks." },
      { speaker: "Sam", text: "Great." },
    ]);
  });

  it("reads [mm:ss] and (hh:mm:ss) stamps", () => {
    const t = parseTranscript("[00:05] Sam: Hi.\n[01:10] Dana: Hello.\n(01:02:03) Sam: Bye.");
    expect(t.format).toBe("timestamped");
    expect(t.turns.map((x) => x.start)).toEqual([5, 70, 3723]);
  });

  it("merges consecutive lines of one speaker into one turn", () => {
    const t = parseTranscript("A: one\nA: two\nB: three");
    expect(t.turns).toEqual([
      { speaker: "A", text: "one two" },
      { speaker: "B", text: "three" },
    ]);
  });

  it("reads WebVTT voice tags, joining a speaker's consecutive cues", () => {
    const vtt = "WEBVTT\n\nNOTE exported\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Sam Lee>Hi there.</v>\n\n00:00:03.500 --> 00:00:05.000\n<v Sam Lee>How are you?\n\n00:06.000 --> 00:08.250\n<v.customer Dana>Good.";
    const t = parseTranscript(vtt);
    expect(t.format).toBe("webvtt");
    expect(t.turns).toEqual([
      { speaker: "Sam Lee", text: "Hi there. How are you?", start: 1, end: 5 },
      { speaker: "Dana", text: "Good.", start: 6, end: 8.25 },
    ]);
  });

  it("reads SRT with 'Speaker:' prefixes and <v> tags", () => {
    const srt = "1\n00:00:01,000 --> 00:00:02,500\nSam: Hi.\n\n2\n00:00:03,000 --> 00:00:04,000\n<v Dana>Hello there.\n";
    const t = parseTranscript(srt, { filename: "call.srt" });
    expect(t.format).toBe("srt");
    expect(t.turns).toEqual([
      { speaker: "Sam", text: "Hi.", start: 1, end: 2.5 },
      { speaker: "Dana", text: "Hello there.", start: 3, end: 4 },
    ]);
  });

  it("reads JSON turns with text or content, times in seconds or time codes", () => {
    const json = JSON.stringify([
      { speaker: "Sam", start: 0, end: 2, text: "Hi." },
      { speaker: "Dana", start: "00:03", content: "Hello {vocalsound} there." },
    ]);
    expect(parseTranscript(json).turns).toEqual([
      { speaker: "Sam", text: "Hi.", start: 0, end: 2 },
      { speaker: "Dana", text: "Hello {vocalsound} there.", start: 3 },
    ]);
    expect(parseTranscript(JSON.stringify({ meeting_transcripts: [{ speaker: "A", content: "x" }, { speaker: "B", content: "y" }] })).turns).toHaveLength(2);
  });

  it.each([
    ["", "the transcript is empty"],
    ["just some prose with no speakers at all", "no speaker turns found"],
    ["Sam: hello\nSam: again", "only one speaker found (Sam)"],
    ["[{\"speaker\": \"A\"}]", "turn 1 has no text"],
    ["{not json", "not valid JSON"],
    ["WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nno speaker here\n", "captions name no speakers"],
  ])("rejects %j with a one-line reason", (text, reason) => {
    expect(() => parseTranscript(text)).toThrow(TranscriptParseError);
    expect(() => parseTranscript(text)).toThrow(reason);
  });
});
