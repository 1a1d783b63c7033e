import { context, propagation, trace } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-node";
import type { Config } from "../../core/config.js";
import type { Tracer } from "../../core/spans.js";

export interface Tracing {
  /** Absent when traces are off: callers then add no wrapper and start no span at all. */
  tracer?: Tracer;
  /** Exports what is buffered and stops the provider. */
  shutdown(): Promise<void>;
}

export const TRACING_OFF: Tracing = { shutdown: async () => undefined };

/**
 * The tracer provider `serve` runs when OTEL_ENABLED: spans batched to OTLP/HTTP at
 * `${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`, or (tests) handed one by one to the given exporter. The SDK is
 * imported only when enabled. Spans are made by hand (HTTP middleware, turn, nodes, tools, pool): the
 * auto-instrumentations patch `require`, and our ESM imports of express and pg are loaded before any of them
 * could run. Registering sets the AsyncLocalStorage context manager that makes spans nest across awaits.
 */
export async function startTracing(options: Config["telemetry"], exporter?: SpanExporter): Promise<Tracing> {
  if (!options.enabled) return TRACING_OFF;
  const { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = await import("@opentelemetry/sdk-trace-node");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    tracer: provider.getTracer("salesgraph"),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The OTLP rule for the generic endpoint variable: the signal's path is appended to it. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/traces`;
}
