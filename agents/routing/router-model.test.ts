import { describe, expect, it } from "vitest";
import { loadOrTrainRouterModel, routerModelHash, trainRouterModelWithMetrics, type ModelStore } from "./router-model.js";

const examples = [
  { text: "how much is it", label: "pricing" },
  { text: "price per seat", label: "pricing" },
  { text: "book a demo", label: "demo_request" },
  { text: "schedule a call", label: "demo_request" },
];

function memoryStore(): ModelStore & { puts: number; rows: Map<string, { artefact: unknown; metrics: unknown }> } {
  const rows = new Map<string, { artefact: unknown; metrics: unknown }>();
  const store = {
    rows,
    puts: 0,
    get: async (kind: string) => rows.get(kind),
    put: async (kind: string, artefact: unknown, metrics: unknown) => {
      store.puts++;
      // Stored as JSON, as the Postgres store does.
      rows.set(kind, JSON.parse(JSON.stringify({ artefact, metrics })));
    },
  };
  return store;
}

describe("routerModelHash", () => {
  it("changes with the examples and with the options, and not otherwise", () => {
    const base = routerModelHash(examples);
    expect(routerModelHash([...examples])).toBe(base);
    expect(routerModelHash(examples.slice(1))).not.toBe(base);
    expect(routerModelHash(examples, { model: { epochs: 3 } })).not.toBe(base);
  });
});

describe("loadOrTrainRouterModel", () => {
  it("trains and stores once, then reloads the same model", async () => {
    const store = memoryStore();
    const first = await loadOrTrainRouterModel(store, { examples });
    expect(store.puts).toBe(1);
    const second = await loadOrTrainRouterModel(store, { examples });
    expect(store.puts).toBe(1);
    expect(second).not.toBe(first);
    for (const text of ["how much", "a demo please"]) {
      expect(second.predict(text)).toEqual(first.predict(text));
    }
  });

  it("retrains when the examples changed", async () => {
    const store = memoryStore();
    await loadOrTrainRouterModel(store, { examples });
    await loadOrTrainRouterModel(store, { examples: [...examples, { text: "cost?", label: "pricing" }] });
    expect(store.puts).toBe(2);
  });

  it("replaces a damaged artefact", async () => {
    const store = memoryStore();
    const hash = routerModelHash(examples);
    await store.put("intent-router", { hash, classifier: { format: "nonsense" } }, {});
    const classifier = await loadOrTrainRouterModel(store, { examples });
    expect(store.puts).toBe(2);
    expect(classifier.predict("price please").label).toBe("pricing");
  });

  it("stores training metrics", async () => {
    const store = memoryStore();
    await loadOrTrainRouterModel(store, { examples });
    expect(store.rows.get("intent-router")?.metrics).toMatchObject({ examples: 4, labels: 2 });
  });
});

describe("trainRouterModelWithMetrics", () => {
  it("trains on the project's examples covering all 14 intents", () => {
    const model = trainRouterModelWithMetrics();
    expect(model.classifier.labels).toHaveLength(14);
    expect(model.metrics.trainingAccuracy).toBeGreaterThan(0.95);
  });
});
