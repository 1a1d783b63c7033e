import type { LangGraphRunnableConfig } from "@langchain/langgraph";

/** A progress line for a turn still running ("Looking up the Globex deal…"), sent on the graph's custom stream. */
export interface ProgressEvent {
  kind: "status";
  text: string;
}

/** Tells a streaming client what the turn is doing; a no-op when nobody streams the turn. */
export function reportProgress(config: LangGraphRunnableConfig | undefined, text: string): void {
  config?.writer?.({ kind: "status", text } satisfies ProgressEvent);
}
