import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../tools/leads/csv.js";
import { parseLeadModel } from "../../tools/leads/scorer.js";
import { syntheticLeadCsv } from "../../tools/leads/synthetic.js";
import { runCli } from "../helpers/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-leads-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

const SCORE_COLUMNS = ["probability", "lead_score", "priority", "top_factors", "priority_rule"];

describe("salesgraph leads train | score", () => {
  const trainFile = file("train.csv", syntheticLeadCsv(600, 3, ";"));
  const modelFile = path.join(tmp, "model.json");

  it("trains on a semicolon-separated export and prints a metrics summary", async () => {
    const result = await runCli(["leads", "train", "--data", trainFile, "--target", "converted", "--sep", ";", "--out", modelFile]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/chosen: [\w-]+ — rule: the candidate with the highest validation AUC.*then refit on every row \(600 rows\)/);
    expect(result.stdout).toMatch(/calibration on the hold-out:\n\s+predicted\s+n\s+mean p\s+observed\n\s+0\.\d–0\.\d/);
    expect(result.stdout).toMatch(/hot = top 10% of training leads \(probability ≥ 0\.\d{3}\), about \d+% convert/);
    expect(result.stdout).toMatch(/top share\s+probability ≥\s+expected precision\s+converters captured\n\s+5%\s+0\.\d{3}\s+\d+%\s+\d+%/);
    expect(result.stdout).toMatch(/hold-out \(120 rows, stratified, seed \d+, scored before the refit\): ROC-AUC 0\.\d{3}\s+PR-AUC 0\.\d{3}\s+log-loss \d\.\d{3}\s+Brier/);
    expect(result.stdout).toContain("warning: column lead_id ignored (identifier)");
    const model = parseLeadModel(JSON.parse(fs.readFileSync(modelFile, "utf8")));
    expect(model.target).toEqual({ column: "converted", positive: "1", negative: "0" });
    expect(model.columns.map((c) => c.name)).toEqual(["source", "visits", "minutes", "webinar", "created"]);
  });

  it("scores a file: input columns plus probability, lead_score, priority, top_factors; unseen categories are scored", async () => {
    const header = "lead_id,source,visits,minutes,webinar,created,notes";
    const rows = ["N1,referral,9,55.5,yes,2025-05-01,\"asked for pricing, twice\"", "N2,carrier pigeon,1,2,no,2025-05-02,", "N3,outbound,,1,no,2025-05-03,none"];
    const data = file("new.csv", `${header}\n${rows.join("\n")}\n`);
    const out = path.join(tmp, "scores.csv");
    const result = await runCli(["leads", "score", "--model", modelFile, "--data", data, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/scored 3 rows/);
    const scored = parseCsv(fs.readFileSync(out, "utf8"));
    expect(scored.header).toEqual([...header.split(","), ...SCORE_COLUMNS]);
    expect(scored.rows).toHaveLength(3);
    expect(scored.rows[0]!.slice(0, 7)).toEqual(["N1", "referral", "9", "55.5", "yes", "2025-05-01", "asked for pricing, twice"]);
    for (const row of scored.rows) {
      const [probability, leadScore, priority, factors, rule] = row.slice(7);
      expect(Number(probability)).toBeGreaterThan(0);
      expect(Number(probability)).toBeLessThan(1);
      // the file's probability has 4 decimals, the score was rounded from the exact one
      expect(Math.abs(Number(leadScore) - Number(probability) * 100)).toBeLessThanOrEqual(0.501);
      expect(["hot", "warm", "cold"]).toContain(priority);
      expect(factors).toMatch(/^[^;=]+ (raises|lowers) the score/);
      expect(rule).toMatch(new RegExp(`^${priority} = .*probability [≥<] 0\\.\\d{3}\\), about \\d+% convert$`));
    }
    expect(Number(scored.rows[0]![7])).toBeGreaterThan(Number(scored.rows[2]![7]));
  });

  it("exits 2 with a one-line reason on bad input", async () => {
    const noMinutes = file("no-minutes.csv", "lead_id,source,visits,webinar,created\nA,web,1,no,2025-01-01\n");
    const threeClasses = file("three.csv", "source,visits,converted\nweb,1,0\nweb,2,1\nweb,3,maybe\n");
    const cases: [string[], RegExp][] = [
      [["leads", "score", "--model", modelFile, "--data", noMinutes, "--out", path.join(tmp, "x.csv")], /lacks column minutes/],
      [["leads", "train", "--data", trainFile, "--sep", ";", "--target", "Converted", "--out", path.join(tmp, "m2.json")], /target column Converted is not in the file/],
      [["leads", "train", "--data", file("empty.csv", ""), "--target", "y", "--out", path.join(tmp, "m3.json")], /empty\.csv is empty/],
      [["leads", "train", "--data", threeClasses, "--target", "converted", "--out", path.join(tmp, "m4.json")], /exactly two classes, found 3/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((result, i) => {
      const [args, reason] = cases[i]!;
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr, args.join(" ")).toMatch(reason);
    });
  });
});
