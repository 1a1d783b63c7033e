import { describe, expect, it } from "vitest";
import { describeStatement } from "./traced-pool.js";
import { tracesUrl } from "./tracing.js";

describe("SQL span names", () => {
  it("name the operation and the first table, never the values", () => {
    expect(describeStatement("select id from conversations where id = $1")).toEqual({ operation: "SELECT", summary: "SELECT conversations" });
    expect(describeStatement('  INSERT INTO "consents" (channel) values ($1)')).toEqual({ operation: "INSERT", summary: "INSERT consents" });
    expect(describeStatement("update deals set stage = $1")).toEqual({ operation: "UPDATE", summary: "UPDATE deals" });
    expect(describeStatement("begin")).toEqual({ operation: "BEGIN", summary: "BEGIN" });
    expect(describeStatement("")).toEqual({ operation: "QUERY", summary: "QUERY" });
  });
});

describe("OTLP traces URL", () => {
  it("appends the signal path to OTEL_EXPORTER_OTLP_ENDPOINT as the OTLP spec says", () => {
    expect(tracesUrl("http://collector:4318")).toBe("http://collector:4318/v1/traces");
    expect(tracesUrl("https://otel.example/base/")).toBe("https://otel.example/base/v1/traces");
  });
});
