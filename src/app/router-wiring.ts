import fs from "node:fs";
import { unknownIntents } from "../../agents/routing/intent-router.js";
import { loadTrainedRouter, type TrainedRouter } from "../../agents/routing/trained-router.js";
import type { Config } from "../core/config.js";
import { ConfigError } from "../core/errors.js";
import type { ModelsRepo } from "../infra/postgres/models-repo.js";

export const TRAINED_ROUTER_KIND = "router";

/**
 * The deployment's own router, if any: the file named by ROUTER_MODEL, else the promoted `router` model of
 * the models table (`route train --register`, then `models promote`). Its labels must be graph intents (or "oos").
 */
export async function trainedRouterFor(config: Pick<Config, "router">, models: Pick<ModelsRepo, "latest">): Promise<TrainedRouter | undefined> {
  let router: TrainedRouter;
  let source: string;
  if (config.router.modelFile) {
    source = `ROUTER_MODEL (${config.router.modelFile})`;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(config.router.modelFile, "utf8"));
    } catch (error) {
      throw new ConfigError(`${source}: cannot read a JSON model (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    try {
      router = loadTrainedRouter(json);
    } catch (error) {
      throw new ConfigError(`${source}: ${(error as Error).message}`);
    }
  } else {
    const stored = await models.latest(TRAINED_ROUTER_KIND);
    if (!stored) return undefined;
    source = `model ${stored.id}`;
    router = loadTrainedRouter(stored.artefact);
  }
  const unknown = unknownIntents(router);
  if (unknown.length) throw new ConfigError(`${source}: labels ${unknown.slice(0, 5).join(", ")} are not intents of the assistant (train it on {text, intent} with the graph's intents, and "oos")`);
  return router;
}
