import fs from "node:fs";
import { isIntent, type Intent } from "../../src/core/domain.js";

/**
 * Labelled router training examples written for this project (examples.jsonl beside this file): the demo
 * seller is Helix Data (B2B analytics). Prospect intents are phrased as web chat and SMS visitors write (SMS
 * short, lowercase, typos); internal intents as reps and managers write in Slack and Teams. The held-out
 * evaluation set (evals/datasets/routing-heldout.jsonl) was written separately.
 */
export interface IntentExample {
  text: string;
  label: Intent;
}

const EXAMPLES_FILE = new URL("./examples.jsonl", import.meta.url);

export function readIntentExamples(file: URL | string = EXAMPLES_FILE): IntentExample[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const row = JSON.parse(line) as { text?: unknown; intent?: unknown };
      if (typeof row.text !== "string" || !isIntent(row.intent)) throw new Error(`examples.jsonl line ${i + 1}: needs {text, intent}`);
      return { text: row.text, label: row.intent };
    });
}

export const INTENT_EXAMPLES: readonly IntentExample[] = readIntentExamples();
