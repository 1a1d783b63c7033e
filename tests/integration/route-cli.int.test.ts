import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-route-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function jsonl(name: string, lines: object[]): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return p;
}

const TOPICS: Record<string, string[]> = {
  card_lost: ["i lost my card", "my card was stolen", "cannot find my card anywhere", "card missing please block it"],
  top_up: ["how do i top up", "add money to my account", "top up failed", "put funds on my balance"],
  transfer: ["send money to a friend", "make a bank transfer", "transfer to another account", "wire money abroad"],
  oos: ["what is the weather like", "tell me a joke", "who won the football match", "recipe for pancakes"],
};
const variants = (text: string) => [text, `${text} please`, `hi, ${text}`, `${text} now`, `can you help: ${text}`];
const train = Object.entries(TOPICS).flatMap(([intent, texts]) => texts.flatMap((t) => variants(t).map((text) => ({ text, intent }))));

describe("salesgraph route train | route --model", () => {
  const data = jsonl("train.jsonl", train);
  const valid = jsonl("valid.jsonl", [
    { text: "my card got stolen yesterday", intent: "card_lost" },
    { text: "top up my account", intent: "top_up" },
    { text: "transfer money to my friend", intent: "transfer" },
    { text: "tell me about the weather", intent: "oos" },
  ]);
  const model = path.join(tmp, "router.json");

  it("trains on {text, intent} lines with any labels, chooses an oos threshold on training data and reports validation", async () => {
    const result = await runCli(["route", "train", "--data", data, "--out", model, "--valid", valid]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/trained on 80 lines, 4 intents/);
    expect(result.stdout).toMatch(/out of scope: confidence below 0\.\d\d → "oos"/);
    expect(result.stdout).toMatch(/validation \(4 lines of .*valid\.jsonl\): accuracy \d+\.\d%, in-scope accuracy \d+\.\d%, oos recall \d+\.\d%/);
    const file = JSON.parse(fs.readFileSync(model, "utf8"));
    expect(file.format).toBe("salesgraph-router/1");
    expect(file.labels).toEqual(["card_lost", "oos", "top_up", "transfer"]);
    expect(file.dataHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("routes each line with the trained model, adding intent and confidence", async () => {
    const input = jsonl("in.jsonl", [{ text: "someone stole my card", channel: "web", id: 7 }, { text: "add money to my balance" }]);
    const result = await runCli(["route", "--model", model, "--in", input]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 7, channel: "web", intent: "card_lost" });
    expect(lines[1]).toMatchObject({ intent: "top_up" });
    for (const line of lines) expect(line.confidence).toBeGreaterThan(0);
  });

  it("route train --help prints train's own help and exits 0; a bad line or a missing option exits 2 with one line", async () => {
    const help = await runCli(["route", "train", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: salesgraph route train");
    const bad = jsonl("bad.jsonl", [{ text: "hello" }]);
    const badRun = await runCli(["route", "train", "--data", bad, "--out", path.join(tmp, "x.json")]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr.trim().split("\n")).toHaveLength(1);
    expect(badRun.stderr).toMatch(/line 1: intent/);
    const noIn = await runCli(["route"]);
    expect(noIn.code).toBe(2);
    expect(noIn.stderr).toMatch(/route needs --in/);
  });

  it("the built-in router adds a confidence too", async () => {
    const input = jsonl("builtin.jsonl", [{ text: "how much does it cost?", channel: "web" }]);
    const result = await runCli(["route", "--in", input]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intent: "pricing", confidence: expect.any(Number) });
  });
});

describe("salesgraph start-up options", () => {
  it("prints the version, lists every command in --help, rejects unknown options and commands with a suggestion", async () => {
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")).version);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const name of ["serve", "route", "models", "leads", "pipeline", "crm"]) expect(help.stdout).toContain(`  ${name} `);
    const typo = await runCli(["leads", "trian"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'trian'[\s\S]*Did you mean train\?/);
    const option = await runCli(["route", "--in", "x.jsonl", "--modle", "m.json"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--modle'[\s\S]*Did you mean --model\?/);
  });
});
