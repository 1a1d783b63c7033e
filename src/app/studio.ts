import { loadConfig } from "../core/config.js";
import { createContainer } from "./container.js";

/**
 * Entry for the LangGraph CLI and Studio (langgraph.json): the same graph the server runs, built by the
 * composition root from the environment. Studio attaches its own checkpointer to what it loads.
 */
const container = await createContainer(loadConfig());
export const graph = container.graph;
