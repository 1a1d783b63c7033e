import { isGraphInterrupt } from "@langchain/langgraph";
import { inSpan, type Tracer } from "../../src/core/spans.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = (...args: any[]) => Promise<unknown>;

/**
 * One span per node run, active while the node runs, so the tools it calls (and their SQL) nest under it —
 * a LangChain callback handler sees node starts and ends but cannot make its span the active context of the
 * node's own code. Without a tracer the nodes are returned untouched. An interrupt (a pause for approval) is
 * how a node waits, not a failure.
 */
export function traceNodes<N extends Record<string, Node>>(tracer: Tracer | undefined, nodes: N): N {
  if (!tracer) return nodes;
  const traced: Record<string, Node> = {};
  for (const [name, node] of Object.entries(nodes)) {
    traced[name] = (...args) =>
      inSpan(tracer, `node ${name}`, { "langgraph.node": name }, () => node(...args), { isFailure: (error) => !isGraphInterrupt(error) });
  }
  return traced as N;
}
