import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { syntheticLeadCsv } from "../../tools/leads/synthetic.js";
import { runCliInProcess } from "../helpers/cli.js";

/**
 * Property-based fuzzing of the CLI's file inputs: whatever bytes a file holds (invalid UTF-8, NUL, broken
 * quoting, ragged rows, formula cells), a command exits 0 or 2 with a one-line reason — never 1 (a crash).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-fuzz-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function file(content: string | Uint8Array, ext: string): string {
  const p = path.join(tmp, `in-${++n}.${ext}`);
  fs.writeFileSync(p, content);
  return p;
}

const cell = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("", '"', '""', "=1+1", "\u0000", "1", "0", "yes", "-3.5", "\r\n", ";", "\t"));
/** CSV-ish text: a header that sometimes names the target, rows of hostile cells joined by a separator. */
const csvText = fc
  .tuple(fc.constantFrom(",", ";", "\t", "|"), fc.array(cell, { minLength: 1, maxLength: 5 }), fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 15 }), fc.boolean())
  .map(([sep, header, rows, withTarget]) => [[...(withTarget ? ["converted"] : []), ...header].join(sep), ...rows.map((r) => r.join(sep))].join("\n"));
const bytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), csvText.map((t) => Buffer.from(t, "utf8")), csvText.map((t) => Buffer.from(t, "latin1")));

async function expectCleanExit(args: string[]) {
  const result = await runCliInProcess(args, { SALESGRAPH_DATA_DIR: path.join(tmp, "data"), DATABASE_URL: "" });
  if (result.code === 1) throw new Error(`salesgraph ${args.join(" ")} crashed: ${result.stderr}`);
  expect([0, 2]).toContain(result.code);
  if (result.code === 2 && result.stderr.trim().split("\n").length !== 1) throw new Error(`salesgraph ${args.join(" ")}: more than one line on stderr: ${JSON.stringify(result.stderr)}`);
}

describe("fuzzing CLI inputs", () => {
  const model = path.join(tmp, "model.json");

  it("leads train", async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => expectCleanExit(["leads", "train", "--data", file(content, "csv"), "--target", "converted", "--out", path.join(tmp, "m.json")])),
      { numRuns: RUNS },
    );
  });

  it("leads score", async () => {
    fs.writeFileSync(path.join(tmp, "train.csv"), syntheticLeadCsv(200, 11));
    expect((await runCliInProcess(["leads", "train", "--data", path.join(tmp, "train.csv"), "--target", "converted", "--out", model])).code).toBe(0);
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => expectCleanExit(["leads", "score", "--model", model, "--data", file(content, "csv"), "--out", path.join(tmp, "s.csv")])),
      { numRuns: RUNS },
    );
  });

  it("transcript analyze", async () => {
    const transcript = fc.oneof(bytes, fc.array(fc.tuple(fc.constantFrom("Rep", "Customer", "00:01", "WEBVTT", "1", "-->"), fc.string({ unit: "binary", maxLength: 40 })), { maxLength: 12 }).map((lines) => Buffer.from(lines.map(([a, b]) => `${a}: ${b}`).join("\n"))));
    await fc.assert(
      fc.asyncProperty(transcript, fc.constantFrom("txt", "vtt", "srt", "json"), async (content, ext) => expectCleanExit(["transcript", "analyze", file(content, ext), "--json"])),
      { numRuns: RUNS },
    );
  });

  it("route --in", async () => {
    const line = fc.oneof(
      fc.record({ text: fc.string({ unit: "binary", maxLength: 60 }), channel: fc.constantFrom("web", "sms", "slack", "teams", "cli", "api", "fax"), role: fc.constantFrom("prospect", "rep", "manager", "admin") }).map((o) => JSON.stringify(o)),
      fc.string({ unit: "binary", maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), async (lines) => expectCleanExit(["route", "--in", file(lines.join("\n"), "jsonl")])),
      { numRuns: RUNS },
    );
  });

  it("crm import", async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom("--accounts", "--deals", "--teams", "--products"), async (content, kind) => expectCleanExit(["crm", "import", kind, file(content, "csv")])),
      { numRuns: RUNS },
    );
  });
});
