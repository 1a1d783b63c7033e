import type { LlmProvider } from "./provider.js";

/**
 * Offline and deterministic: no routing opinion (the graph's trained classifier decides) and drafts go
 * out exactly as the templates wrote them.
 */
export function createLocalProvider(): LlmProvider {
  return {
    kind: "local",
    routeIntent: async () => undefined,
    phrase: async (request) => request.draft,
  };
}
