import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import type { RepOwners } from "../../src/core/rep-owner.js";
import { defineTool } from "../registry.js";
import { periodInText } from "./period.js";
import { DealPredictionsInput, PipelineReviewInput } from "./schema.js";
import { createPipelineService, type PipelineService } from "./service.js";

/**
 * Internal tools over the pipeline model. Both train and store a `deal-close` model on first use when
 * none is stored yet, as the lead-scoring tool does.
 */
/** "my pipeline", "my deals", "my forecast", "my team": the asker's own scope when they are mapped to a CRM owner. */
const MY_SCOPE = /\bmy (?:own )?(?:pipeline|deals|forecast|team|quarter|numbers)\b/i;

export function createPipelineTools(deps: { pool: pg.Pool; clock: Clock; service?: PipelineService; owners?: RepOwners }) {
  const service = deps.service ?? createPipelineService({ pool: deps.pool, clock: deps.clock });

  const review = defineTool({
    name: "pipeline_review",
    description:
      "Pipeline health for the whole team, a region, a manager's team or a rep: total and weighted pipeline, stage distribution, velocity, at-risk deals with reasons, deals likely to slip, and a Monte-Carlo forecast for a period.",
    audience: "internal",
    schema: PipelineReviewInput,
    run: async (input, context) => {
      const named = input.query ? await service.resolveScope(input.query) : {};
      const scope = {
        ...named,
        ...(input.region ? { region: input.region } : {}),
        ...(input.manager ? { manager: input.manager } : {}),
        ...(input.rep ? { rep: input.rep } : {}),
      };
      if (Object.keys(scope).length === 0 && input.query && MY_SCOPE.test(input.query)) {
        const owner = await deps.owners?.resolve(context);
        if (owner) Object.assign(scope, owner.role === "manager" ? { manager: owner.name } : { rep: owner.name });
      }
      if (Object.keys(scope).length === 0 && input.defaultRegion) {
        const region = await service.resolveName("region", input.defaultRegion);
        if (region) Object.assign(scope, { region });
      }
      const period = input.period ?? (input.query ? periodInText(input.query) : undefined);
      return service.review({ period, scope, listLimit: input.limit });
    },
  });

  const predictions = defineTool({
    name: "pipeline_deal_predictions",
    description:
      "Close probability, predicted close date, predicted size, risks and next best actions for open deals of the account or deal named in the query (or for given deal ids).",
    audience: "internal",
    schema: DealPredictionsInput,
    run: async (input) => service.predict({ query: input.query, dealIds: input.dealIds, period: input.period, limit: input.limit }),
  });

  return [review, predictions] as const;
}
