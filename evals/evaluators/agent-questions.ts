import { z } from "zod";

/**
 * The labelled questions of `npm run eval -- agent` (datasets/agent-questions.jsonl), one JSON object a line.
 * Reps and managers are scored on tool choice and arguments; prospects on what the grounding guard caught.
 */

/** How one argument is checked. A bare value is short for `{ equals: value }`. */
export type ArgMatcher =
  | { contains: string }
  | { equals: unknown }
  | { oneOf: unknown[] }
  | { matches: string }
  | { absent: true }
  | { anyOf: ArgMatcher[] }
  | string
  | number
  | boolean;

const Matcher: z.ZodType<ArgMatcher> = z.lazy(() =>
  z.union([
    z.strictObject({ contains: z.string().min(1) }),
    z.strictObject({ equals: z.unknown() }),
    z.strictObject({ oneOf: z.array(z.unknown()).min(1) }),
    z.strictObject({ matches: z.string().min(1) }),
    z.strictObject({ absent: z.literal(true) }),
    z.strictObject({ anyOf: z.array(Matcher).min(1) }),
    z.string(),
    z.number(),
    z.boolean(),
  ]),
);

export const AgentQuestion = z.strictObject({
  id: z.string().min(1),
  role: z.enum(["rep", "manager", "prospect"]),
  text: z.string().min(1),
  expect: z.strictObject({
    /** The tools a good answer calls (empty: answer or ask back without one). */
    tools: z.array(z.string().min(1)),
    /** Tools that are reasonable extras: not counted against precision when called. */
    alsoOk: z.array(z.string().min(1)).default([]),
    /**
     * Per tool, per argument path: what the value must satisfy. A path is dotted ("to.name"); `*` is the
     * whole input, for facts a model may put in any field (a region in `query` or in `region`).
     */
    args: z.record(z.string(), z.record(z.string(), Matcher)).default({}),
  }),
  /** The fake run only: the prospect reply the oracle gives, e.g. one inventing a price the guard must catch. */
  fakeReply: z.string().optional(),
});
export type AgentQuestion = z.infer<typeof AgentQuestion>;

/** Parses the dataset, naming the line of the first bad entry; ids and texts must be unique. */
export function parseAgentQuestions(jsonl: string): AgentQuestion[] {
  const questions: AgentQuestion[] = [];
  jsonl.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`agent-questions line ${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = AgentQuestion.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`agent-questions line ${i + 1}: ${issue.path.join(".") || "entry"}: ${issue.message}`);
    }
    for (const tool of Object.keys(parsed.data.expect.args)) {
      if (!parsed.data.expect.tools.includes(tool)) throw new Error(`agent-questions line ${i + 1}: args for ${tool}, which is not an expected tool`);
    }
    questions.push(parsed.data);
  });
  const seen = new Set<string>();
  for (const q of questions) {
    for (const key of [`id ${q.id}`, `text ${q.text}`]) {
      if (seen.has(key)) throw new Error(`agent-questions: duplicate ${key}`);
      seen.add(key);
    }
  }
  return questions;
}
