/** One speaker turn as parsed. Times are seconds from the start of the call, when the format has them. */
export interface Turn {
  speaker: string;
  /** The turn as written, annotations included (quotes are taken from `clean`). */
  text: string;
  start?: number;
  end?: number;
}

export type TranscriptFormat = "plain" | "timestamped" | "webvtt" | "srt" | "json" | "audio";

export interface Transcript {
  format: TranscriptFormat;
  turns: Turn[];
}

export type Side = "rep" | "customer";

/** A turn ready for the metrics: its side, its text without annotations, its word count. */
export interface SidedTurn extends Turn {
  index: number;
  side: Side;
  clean: string;
  words: number;
}

/** A sentence of one turn, the unit extraction quotes. */
export interface Sentence {
  turn: number;
  speaker: string;
  side: Side;
  text: string;
}
