import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CHANNELS, INTENTS, ROLES } from "../src/core/domain.js";
import { createIntentRouter } from "../agents/routing/intent-router.js";
import { trainRouterModelWithMetrics } from "../agents/routing/router-model.js";
import type { LabeledText } from "../agents/routing/text-classifier.js";
import {
  accuracy,
  confusions,
  percent,
  perLabelMetrics,
  textTable,
  type Confusion,
  type LabelledPrediction,
  type LabelMetrics,
} from "./evaluators/classification-metrics.js";

export const ROUTING_HELDOUT_PATH = fileURLToPath(new URL("./datasets/routing-heldout.jsonl", import.meta.url));
export const ROUTING_TARGET_ACCURACY = 0.9;

const HeldOutLine = z.object({
  text: z.string().min(1),
  channel: z.enum(CHANNELS),
  role: z.enum(ROLES),
  intent: z.enum(INTENTS),
});
export type HeldOutCase = z.infer<typeof HeldOutLine>;

export interface RoutingEvalReport {
  dataset: string;
  cases: number;
  trainingExamples: number;
  trainingMs: number;
  /** The whole router as deployed without an LLM: rules, role restriction, classifier. */
  routerAccuracy: number;
  /** The classifier alone over all 14 intents: no rules, no role restriction. */
  classifierAccuracy: number;
  target: number;
  perIntent: LabelMetrics[];
  confusions: Confusion[];
  sources: Record<string, number>;
}

export function parseHeldOut(source: string): HeldOutCase[] {
  return source
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = HeldOutLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`held-out line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export async function runRoutingEval(
  options: { datasetPath?: string; examples?: readonly LabeledText[] } = {},
): Promise<RoutingEvalReport> {
  const dataset = options.datasetPath ?? ROUTING_HELDOUT_PATH;
  const cases = parseHeldOut(await readFile(dataset, "utf8"));
  const model = trainRouterModelWithMetrics({ examples: options.examples });
  const router = createIntentRouter({ classifier: model.classifier });
  const routed: LabelledPrediction[] = [];
  const raw: LabelledPrediction[] = [];
  const sources: Record<string, number> = {};
  for (const c of cases) {
    const decision = await router.route({ text: c.text, channel: c.channel, role: c.role });
    sources[decision.source] = (sources[decision.source] ?? 0) + 1;
    routed.push({ expected: c.intent, predicted: decision.intent, text: c.text });
    raw.push({ expected: c.intent, predicted: model.classifier.predict(c.text).label, text: c.text });
  }
  return {
    dataset,
    cases: cases.length,
    trainingExamples: model.metrics.examples,
    trainingMs: model.metrics.trainingMs,
    routerAccuracy: accuracy(routed),
    classifierAccuracy: accuracy(raw),
    target: ROUTING_TARGET_ACCURACY,
    perIntent: perLabelMetrics(routed, INTENTS),
    confusions: confusions(routed),
    sources,
  };
}

export function formatRoutingReport(report: RoutingEvalReport): string {
  const oneLine = (text: string): string => {
    const flat = text.replace(/\s+/g, " ");
    return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
  };
  const status = report.routerAccuracy >= report.target ? "PASS" : "FAIL";
  const lines = [
    `Routing (held-out ${report.cases} cases, trained on ${report.trainingExamples} project examples in ${report.trainingMs} ms)`,
    `router accuracy ${percent(report.routerAccuracy)} [${status}, target ${percent(report.target, 0)}]; classifier alone ${percent(report.classifierAccuracy)}`,
    `decided by: ${Object.entries(report.sources)
      .map(([source, n]) => `${source} ${n}`)
      .join(", ")}`,
    "",
    textTable(
      ["intent", "n", "precision", "recall", "f1"],
      report.perIntent.map((m) => [m.label, String(m.support), percent(m.precision), percent(m.recall), percent(m.f1)]),
    ),
  ];
  if (report.confusions.length > 0) {
    lines.push(
      "",
      textTable(
        ["expected -> predicted", "n", "example"],
        report.confusions.map((c) => [`${c.expected} -> ${c.predicted}`, String(c.count), oneLine(c.examples[0] ?? "")]),
        [0, 2],
      ),
    );
  }
  return lines.join("\n");
}
