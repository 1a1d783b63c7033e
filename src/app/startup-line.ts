import type { Container } from "./container.js";
import type { RunningServer } from "./server.js";

/** What an operator needs to see once the server is up: where, which channels, which database and model. */
export interface StartupFacts {
  /** The address the server listens on. */
  url: string;
  /** Mounted channels: web always, then each configured one. */
  channels: readonly string[];
  database: string;
  /** `local` (no model calls) or the provider with its model. */
  llm: string;
  /** PUBLIC_BASE_URL, the address webhooks and links use; undefined when unset. */
  publicUrl?: string;
  /** Whether this process works the job queue (JOBS_ENABLED). */
  jobs: boolean;
}

export function startupFacts(container: Pick<Container, "config" | "db" | "llm">, running: Pick<RunningServer, "port" | "channels" | "jobs">, host: string): StartupFacts {
  const { config } = container;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${running.port}`,
    channels: running.channels,
    database: container.db.kind,
    llm: container.llm.kind === "local" ? "local" : `${container.llm.kind} (${config.llm.model})`,
    publicUrl: config.publicBaseUrl,
    jobs: running.jobs !== undefined,
  };
}

/** The one start-up line `serve` prints (and logs as fields). */
export function startupLine(facts: StartupFacts): string {
  return (
    `salesgraph listening on ${facts.url} — channels: ${facts.channels.join(", ")}; database: ${facts.database}; ` +
    `llm: ${facts.llm}; public URL: ${facts.publicUrl ?? "not set"}; jobs: ${facts.jobs ? "on" : "off"}`
  );
}
