import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BadInputError } from "../../src/core/errors.js";
import { parseCsv } from "./csv.js";
import { LeadModelFile } from "./model-file.js";
import { formatTrainSummary } from "./report.js";
import { createLeadScorer, parseLeadModel } from "./scorer.js";
import { syntheticLeadCsv } from "./synthetic.js";
import { crossValidateLambda, trainLeadModel } from "./trainer.js";

const table = parseCsv(syntheticLeadCsv(1500, 11));
const trained = trainLeadModel(table, { target: "converted", trainedAt: new Date("2026-01-02T03:04:05Z") });
const model = trained.model;

describe("training on a CSV export", () => {
  it("infers the schema, ignores id and free text, and beats chance on the hold-out", () => {
    expect(model.columns.map((c) => [c.name, c.kind])).toEqual([
      ["source", "categorical"],
      ["visits", "numeric"],
      ["minutes", "numeric"],
      ["webinar", "boolean"],
      ["created", "date"],
    ]);
    expect(model.ignored.map((c) => c.name)).toEqual(["lead_id", "notes"]);
    expect(model.metrics.holdout.rocAuc).toBeGreaterThan(0.72);
    expect(model.metrics.trainRows + model.metrics.holdoutRows).toBe(1500);
    expect(model.metrics.candidates.map((c) => c.type)).toEqual(["logistic", "boosted-trees", "blend"]);
    expect(model.trainedAt).toBe("2026-01-02T03:04:05.000Z");
    expect(model.bands.hot).toBeGreaterThan(model.bands.warm);
  });

  it("writes a model file that round-trips through JSON and its schema", () => {
    const reread = parseLeadModel(JSON.parse(JSON.stringify(model)));
    expect(reread).toEqual(model);
    expect(LeadModelFile.safeParse({ ...model, version: 2 }).success).toBe(false);
    expect(() => parseLeadModel({ format: "something else" }, "m.json")).toThrow(/m.json is not a Salesgraph lead model/);
  });

  it("is deterministic for a seed", () => {
    const again = trainLeadModel(table, { target: "converted", trainedAt: new Date("2026-01-02T03:04:05Z") }).model;
    expect(again).toEqual(model);
  });

  it("picks λ by cross-validation from the grid", () => {
    expect(model.metrics.crossValidation.map((p) => p.lambda)).toEqual([0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001]);
    const best = model.metrics.crossValidation.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    const logistic = model.predictor.type === "logistic" ? model.predictor : undefined;
    if (logistic) expect(logistic.lambda).toBe(best.lambda);
    expect(model.metrics.candidates[0]!.detail).toContain(`λ=${best.lambda}`);
  });

  it("summarises the metrics in a few lines", () => {
    const text = formatTrainSummary(model, trained.trainingMs);
    expect(text).toMatch(/hold-out \(300 rows, stratified, seed 20261124, scored before the refit\): ROC-AUC 0\.\d{3}/);
    expect(text).toContain("warning: column lead_id ignored (identifier)");
    expect(text).toContain("calibration on the hold-out:");
  });

  it("chooses the candidate with the best validation AUC, says so, and refits it on every row", () => {
    const best = model.metrics.candidates.reduce((a, b) => (b.validationAuc > a.validationAuc ? b : a));
    expect(model.predictor.type).toBe(best.type);
    expect(model.metrics.selection).toMatch(/highest validation AUC/);
    expect(model.metrics.refitRows).toBe(model.metrics.trainRows + model.metrics.holdoutRows);
  });

  it("explains the bands: expected precision per band and a cut-off table by share of leads", () => {
    const table = model.bands.table!;
    expect(table.map((r) => r.topShare)).toEqual([0.05, 0.1, 0.2, 0.3, 0.5]);
    for (let i = 1; i < table.length; i++) {
      expect(table[i]!.cutoff).toBeLessThanOrEqual(table[i - 1]!.cutoff);
      expect(table[i]!.captured).toBeGreaterThanOrEqual(table[i - 1]!.captured);
    }
    const { hot, warm, cold } = model.bands.expectedPrecision!;
    expect(hot).toBeGreaterThan(cold);
    expect(warm).toBeGreaterThan(cold);
  });

  it("leaves out --exclude columns and keeps only --include columns, naming unknown ones", () => {
    const { model: without } = trainLeadModel(table, { target: "converted", exclude: ["source"], trees: false });
    expect(without.columns.map((c) => c.name)).not.toContain("source");
    expect(without.ignored).toContainEqual({ name: "source", reason: "excluded" });
    const { model: only } = trainLeadModel(table, { target: "converted", include: ["visits", "minutes"], trees: false });
    expect(only.columns.map((c) => c.name)).toEqual(["visits", "minutes"]);
    expect(() => trainLeadModel(table, { target: "converted", exclude: ["Tags"] })).toThrow(/--exclude: column Tags is not in the file/);
  });

  it("rejects a missing target column, one class and tiny classes with one-line reasons", () => {
    expect(() => trainLeadModel(table, { target: "nope" })).toThrow(/target column nope is not in the file/);
    const oneClass = { ...table, rows: table.rows.map((r) => [...r.slice(0, -1), "1"]) };
    expect(() => trainLeadModel(oneClass, { target: "converted" })).toThrow(/exactly two classes, found 1/);
    const tiny = { ...table, rows: table.rows.slice(0, 30).map((r, i) => [...r.slice(0, -1), i < 3 ? "1" : "0"]) };
    expect(() => trainLeadModel(tiny, { target: "converted" })).toThrow(BadInputError);
    expect(() => trainLeadModel({ ...table, rows: [] }, { target: "converted" })).toThrow("the data file has no rows");
  });

  it("cross-validation reports one point per λ, largest λ first", () => {
    const points = crossValidateLambda(
      { rows: 40, width: 1, features: 1, index: new Int32Array(40), value: Float64Array.from({ length: 40 }, (_, i) => i / 40) },
      Uint8Array.from({ length: 40 }, (_, i) => (i > 20 || i % 7 === 0 ? 1 : 0)),
      Array.from({ length: 40 }, (_, i) => i),
      [0.001, 1],
      4,
      1,
    );
    expect(points.map((p) => p.lambda)).toEqual([1, 0.001]);
    expect(points[1]!.auc).toBeGreaterThan(0.8);
  });
});

describe("scoring leads", () => {
  const scorer = createLeadScorer(model);

  it("scores a row with a category never seen in training", () => {
    const score = scorer.scoreRecord({ source: "carrier pigeon", visits: 4, minutes: 7.5, webinar: "yes", created: "2025-06-01" });
    expect(score.probability).toBeGreaterThan(0);
    expect(score.probability).toBeLessThan(1);
    expect(score.leadScore).toBe(Math.round(score.probability * 100));
    expect(["hot", "warm", "cold"]).toContain(score.priority);
    expect(score.nextBestActions.length).toBeGreaterThan(0);
  });

  it("fails naming the trained column a file lacks", () => {
    expect(() => scorer.forHeader(["lead_id", "source", "visits", "webinar", "created"])).toThrow(
      new BadInputError("the data file lacks column minutes, which the model was trained on"),
    );
  });

  it("explains with signed factors ordered by size, and expected value when a deal size is given", () => {
    const score = createLeadScorer(model, { topFactors: 5 }).scoreRecord(
      { source: "referral", visits: "9", minutes: "60", webinar: "yes", created: "2025-02-01" },
      { dealSize: 10_000 },
    );
    const sizes = score.topFactors.map((f) => Math.abs(f.effect));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(score.topFactors.find((f) => f.column === "source")).toMatchObject({ value: "referral" });
    expect(score.expectedValue).toBeCloseTo(score.probability * 10_000, 9);
    expect(score.priority).toBe("hot");
  });

  it("orders leads like the model: the referral with more activity outranks the cold outbound lead", () => {
    const hot = scorer.scoreRecord({ source: "referral", visits: 9, minutes: 60, webinar: "yes", created: "2025-02-01" });
    const cold = scorer.scoreRecord({ source: "outbound", visits: 0, minutes: 1, webinar: "no", created: "2025-02-01" });
    expect(hot.probability).toBeGreaterThan(cold.probability);
    expect(cold.priority).toBe("cold");
  });
});

const SHARED = path.resolve(process.cwd(), "../shared/data");
const LEADS_FILE = path.join(SHARED, "leads/leads.train.csv");
const haveLeads = fs.existsSync(LEADS_FILE);
if (!haveLeads) console.warn(`skipping the real-data lead-scoring test: ${LEADS_FILE} is absent`);

describe.skipIf(!haveLeads)("on the X Education leads export (../shared/data)", () => {
  it("reaches a hold-out ROC-AUC above 0.84", () => {
    const real = trainLeadModel(parseCsv(fs.readFileSync(LEADS_FILE, "utf8")), { target: "Converted", trees: false });
    expect(real.model.metrics.holdout.rocAuc).toBeGreaterThan(0.84);
    expect(real.model.ignored).toEqual([{ name: "ProspectID", reason: "identifier" }]);
  });
});

describe("a blended predictor", () => {
  it("scores with the averaged log-odds, explains additively and round-trips through its schema", () => {
    const logistic = trainLeadModel(table, { target: "converted", trees: false, trainedAt: new Date("2026-01-02T03:04:05Z") }).model;
    const metrics = trainLeadModel(table, { target: "converted", trainedAt: new Date("2026-01-02T03:04:05Z") }).model.metrics;
    expect(metrics.candidates.find((c) => c.type === "blend")).toBeDefined();
    if (logistic.predictor.type !== "logistic") throw new Error("expected a logistic model");
    const trees = trainLeadModel(table, { target: "converted", trainedAt: new Date("2026-01-02T03:04:05Z"), trees: { rounds: 20, patience: 20 } }).model;
    const treeModel = trees.predictor.type === "blend" ? trees.predictor.trees : trees.predictor.type === "boosted-trees" ? trees.predictor : undefined;
    if (!treeModel) throw new Error("the fixture should yield a tree model (boosted trees or a blend)");
    const blended = parseLeadModel(
      JSON.parse(JSON.stringify({ ...logistic, predictor: { type: "blend", treesWeight: 0.5, logistic: logistic.predictor, trees: treeModel } })),
    );
    const record = { source: "referral", visits: 4, minutes: 20, webinar: "yes", created: "2025-02-01" };
    const p = createLeadScorer(blended).scoreRecord(record).probability;
    const pl = createLeadScorer(logistic).scoreRecord(record).probability;
    const pt = createLeadScorer({ ...logistic, predictor: treeModel }).scoreRecord(record).probability;
    const logit = (q: number) => Math.log(q / (1 - q));
    expect(logit(p)).toBeCloseTo((logit(pl) + logit(pt)) / 2, 6);
  });
});
