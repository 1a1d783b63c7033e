import fs from "node:fs";
import type { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { readInputFile, type CliContext } from "./context.js";
import { parseLabelledLines, parseRouteLines } from "./route-input.js";

/** `route --in F [--model M]` and `route train --data F --out M [--valid F]`. */
export function registerRouteCommands(program: Command, ctx: CliContext): void {
  const { print } = ctx;
  const route = program
    .command("route")
    .description("route JSONL lines {text, channel, role} to intents, or train a router on {text, intent} lines")
    .option("--in <file>", "JSONL input file ('-' for standard input); each line is printed with intent and confidence added")
    .option("--model <file>", "a router trained with 'route train' (default: the built-in router over the graph's intents)")
    .action(async (opts: { in?: string; model?: string }) => {
      if (!opts.in) throw new BadInputError("route needs --in FILE.jsonl (or 'route train --data FILE.jsonl --out MODEL.json')");
      const items = parseRouteLines(readInputFile(opts.in));
      if (opts.model) {
        const { loadTrainedRouter } = await import("../../../agents/routing/trained-router.js");
        const router = loadTrainedRouter(readModelFile(opts.model));
        for (const item of items) {
          const routed = router.route(item.text);
          print(JSON.stringify({ ...item.raw, intent: routed.intent, confidence: round(routed.confidence) }));
        }
        return;
      }
      const [{ createIntentRouter }, { trainRouterModel }, { createLlmProvider }, { createLogger }] = await Promise.all([
        import("../../../agents/routing/intent-router.js"),
        import("../../../agents/routing/router-model.js"),
        import("../../llm/index.js"),
        import("../../core/logger.js"),
      ]);
      const llm = createLlmProvider(ctx.config().llm, createLogger({ level: "warn" }));
      const router = createIntentRouter({ classifier: trainRouterModel(), llm: llm.kind === "openai" ? llm : undefined });
      for (const item of items) {
        const decision = await router.route({ text: item.text, channel: item.channel, role: item.role });
        print(JSON.stringify({ ...item.raw, intent: decision.intent, confidence: round(decision.confidence) }));
      }
    });

  route
    .command("train")
    .description("train a router on JSONL lines {text, intent} (any labels; 'oos' = out of scope) and save it")
    .requiredOption("--data <file>", "training lines {text, intent}")
    .requiredOption("--out <file>", "where to write the model (JSON)")
    .option("--valid <file>", "validation lines {text, intent}: accuracy and out-of-scope recall are reported")
    .option("--register", "also store the model in the database's models table (promote it with 'models promote')")
    .action(async (opts: { data: string; out: string; valid?: string; register?: boolean }) => {
      const train = parseLabelledLines(readInputFile(opts.data), opts.data);
      const valid = opts.valid ? parseLabelledLines(readInputFile(opts.valid), opts.valid) : undefined;
      const { trainRouterFile } = await import("../../../agents/routing/trained-router.js");
      let model;
      try {
        model = trainRouterFile(train, { valid });
      } catch (error) {
        if (error instanceof RangeError) throw new BadInputError(`${opts.data}: ${error.message}`);
        throw error;
      }
      fs.writeFileSync(opts.out, JSON.stringify(model));
      print(`trained on ${model.examples} lines, ${model.labels.length} intents in ${model.trainingSeconds} s → ${opts.out}`);
      if (model.oos) {
        print(
          `out of scope: confidence below ${model.oos.threshold.toFixed(2)} → "oos" (${model.oos.rule}; ` +
            `there: in-scope ${pct(model.oos.dev.inScopeAccuracy)}, oos recall ${pct(model.oos.dev.oosRecall)})`,
        );
      }
      if (model.validation) {
        const v = model.validation;
        const oosPart = model.oos ? `, in-scope accuracy ${pct(v.inScopeAccuracy)}, oos recall ${pct(v.oosRecall)}` : "";
        print(`validation (${v.lines} lines of ${opts.valid}): accuracy ${pct(v.accuracy)}${oosPart}`);
      }
      if (opts.register) {
        const db = await ctx.openMigratedDatabase();
        try {
          const { createModelsRepo } = await import("../../infra/postgres/models-repo.js");
          const id = await createModelsRepo(db.pool).register({
            kind: "router", // src/app/router-wiring.ts TRAINED_ROUTER_KIND
            name: `router ${model.labels.length} intents`,
            dataHash: model.dataHash,
            artefact: model,
            metrics: { examples: model.examples, labels: model.labels.length, oos: model.oos, validation: model.validation },
          });
          print(`registered as model ${id} (kind router); 'salesgraph models promote ${id}' puts it in use`);
        } finally {
          await db.close();
        }
      }
    });
}

function readModelFile(file: string): unknown {
  try {
    return JSON.parse(readInputFile(file));
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw new BadInputError(`${file}: not JSON`);
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
