import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";

/** The `clv fit|predict` contract: files in, a model and a CSV with the agreed columns out, exit 2 with one line on bad input. */
describe("salesgraph clv", () => {
  let dir: string;
  let tx: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-clv-cli-"));
    tx = path.join(dir, "tx.csv");
    const lines = ["cust;day;amount"];
    // 40 customers: every fourth buys monthly, the rest once or twice
    for (let c = 0; c < 40; c++) {
      const purchases = c % 4 === 0 ? 6 : 1 + (c % 2);
      for (let k = 0; k < purchases; k++) {
        const d = new Date(Date.UTC(2024, 0, 1 + (c % 20) + k * 30));
        lines.push(`C${c};${d.toISOString().slice(0, 10)};${(10 + ((c * 7 + k * 3) % 40)).toFixed(2)}`);
      }
    }
    fs.writeFileSync(tx, lines.join("\n") + "\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fits a model and predicts customer_id, expected_purchases, p_alive, expected_value for every customer", async () => {
    const model = path.join(dir, "m.json");
    const fit = await runCliInProcess(["clv", "fit", "--transactions", tx, "--customer", "cust", "--date", "day", "--value", "amount", "--calibration-end", "2024-06-30", "--out", model]);
    expect(fit.stderr).toBe("");
    expect(fit.code).toBe(0);
    expect(fit.stdout).toMatch(/BG\/NBD\s+r [\d.]+\s+alpha/);
    expect(JSON.parse(fs.readFileSync(model, "utf8"))).toMatchObject({ kind: "clv-bgnbd-gg", calibrationEnd: "2024-06-30", customers: 40 });

    const out = path.join(dir, "p.csv");
    const predict = await runCliInProcess(["clv", "predict", "--model", model, "--transactions", tx, "--horizon", "39w", "--out", out]);
    expect(predict.code).toBe(0);
    const [header, ...rows] = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(header).toBe("customer_id,expected_purchases,p_alive,expected_value");
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      const [, purchases, alive, value] = row.split(",").map(Number);
      expect(purchases).toBeGreaterThanOrEqual(0);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(value).toBeGreaterThanOrEqual(0);
    }
    // the monthly buyer is expected to buy more than a one-time buyer
    const byId = Object.fromEntries(rows.map((r) => [r.split(",")[0], Number(r.split(",")[1])]));
    expect(byId.C0).toBeGreaterThan(byId.C1!);
  });

  it.each([
    [["--customer", "nope"], /no column 'nope'/],
    [["--calibration-end", "30/06/2024"], /--calibration-end '30\/06\/2024' is not a date/],
    [["--transactions", "/nonexistent.csv"], /cannot read \/nonexistent.csv/],
  ])("exits 2 with one line for bad fit input %#", async (override, message) => {
    const args: Record<string, string> = { "--transactions": tx, "--customer": "cust", "--date": "day", "--value": "amount", "--calibration-end": "2024-06-30", "--out": path.join(dir, "x.json") };
    for (let i = 0; i < override.length; i += 2) args[override[i]!] = override[i + 1]!;
    const r = await runCliInProcess(["clv", "fit", ...Object.entries(args).flat()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 on a bad horizon, a file that is not a model, and a bad value in a row", async () => {
    const notModel = path.join(dir, "not-model.json");
    fs.writeFileSync(notModel, "{}");
    const horizon = await runCliInProcess(["clv", "predict", "--model", notModel, "--transactions", tx, "--horizon", "soon", "--out", path.join(dir, "o.csv")]);
    expect([horizon.code, horizon.stderr.trim()]).toEqual([2, "salesgraph: --horizon 'soon' is not a span like 39w, 273d, 9m or 1y"]);
    const model = await runCliInProcess(["clv", "predict", "--model", notModel, "--transactions", tx, "--horizon", "39w", "--out", path.join(dir, "o.csv")]);
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/not a CLV model/);
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "cust,day,amount\nC1,2024-01-01,12\nC1,2024-02-01,abc\n");
    const row = await runCliInProcess(["clv", "fit", "--transactions", bad, "--customer", "cust", "--date", "day", "--value", "amount", "--calibration-end", "2024-06-30", "--out", path.join(dir, "y.json")]);
    expect(row.code).toBe(2);
    expect(row.stderr).toMatch(/row 3: amount 'abc' is not a non-negative number/);
  });
});
