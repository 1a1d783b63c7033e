/**
 * Who may read a document. `public` chunks may reach prospects; `internal` chunks only verified reps and
 * managers. A search for `internal` sees both; a search for `public` sees public chunks only.
 */
export const KB_AUDIENCES = ["public", "internal"] as const;
export type KbAudience = (typeof KB_AUDIENCES)[number];

/** One section of a parsed document: its heading path (outermost first, document title excluded) and text. */
export interface Section {
  headings: string[];
  /** Plain text; paragraphs separated by a blank line. */
  text: string;
}

export interface ParsedDocument {
  title: string;
  sections: Section[];
  /** From front matter (Markdown) or meta tags (HTML), when the file declares them. */
  audience?: KbAudience;
  tags: string[];
}

export interface Chunk {
  ord: number;
  /** Heading path joined with " > "; empty for text before the first heading. */
  heading: string;
  body: string;
}

/** A chunk as the indexes hold it: what a search hit shows, without its vector. */
export interface IndexedChunk {
  id: number;
  documentId: string;
  sourcePath: string;
  title: string;
  heading: string;
  body: string;
  audience: KbAudience;
  tags: string[];
}

export interface SearchHit extends IndexedChunk {
  /** Reciprocal-rank-fusion score: higher is better. */
  score: number;
  /** 1-based ranks in each ranking the hit appeared in (absent: not in that list's candidates). */
  vectorRank?: number;
  keywordRank?: number;
  /** Cosine similarity to the query and BM25 score, for display. */
  similarity?: number;
  bm25?: number;
}

export interface SearchOptions {
  audience: KbAudience;
  k?: number;
  /** Only chunks of documents carrying every one of these tags, e.g. `competitor:tableau`. */
  tags?: string[];
}
