import type { Clock } from "../../src/core/clock.js";
import type { IntelStore } from "../../src/core/intel.js";
import type { Logger } from "../../src/core/logger.js";
import { createBattlecards } from "./battlecards.js";
import { createDigestService, type DigestWriter } from "./digest.js";
import type { FetchPolicy } from "./fetcher.js";
import { readIntelConfig } from "./sources-config.js";
import { createIntelWatcher } from "./watcher.js";

/** Competitive intelligence in one piece: sources, fetcher, digests and battlecards over one store. */
export function createIntelService(deps: {
  store: IntelStore;
  clock: Clock;
  logger: Logger;
  policy?: Partial<FetchPolicy>;
  battlecardsDir?: string;
  writer?: DigestWriter;
  /** config/intel.yaml; its sources are kept in step with the database at start-up and before each fetch run. */
  configFile?: string;
}) {
  const watcher = createIntelWatcher({ store: deps.store, clock: deps.clock, logger: deps.logger, policy: deps.policy });
  return {
    store: deps.store,
    watcher,
    digests: createDigestService({ store: deps.store, clock: deps.clock, writer: deps.writer }),
    battlecards: createBattlecards({ store: deps.store, clock: deps.clock, dir: deps.battlecardsDir }),
    /** Applies config/intel.yaml; returns how many sources it lists (undefined: no file). */
    async syncConfig(): Promise<number | undefined> {
      if (!deps.configFile) return undefined;
      const sources = readIntelConfig(deps.configFile);
      if (!sources) return undefined;
      await deps.store.syncConfigSources(sources);
      return sources.length;
    },
  };
}

export type IntelService = ReturnType<typeof createIntelService>;
