import { BadInputError } from "../../src/core/errors.js";

/** A transcript that cannot be read: one line saying why (CLI exit 2, HTTP 400). */
export class TranscriptParseError extends BadInputError {}
