import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

describe("salesgraph CLI", () => {
  it("route prints each line with its intent and confidence added", async () => {
    const input = file(
      "in.jsonl",
      [
        { text: "STOP", channel: "sms", role: "prospect", id: 1 },
        { text: "How much does Helix Pro cost per year?", channel: "web", role: "prospect" },
        { text: "hey there", channel: "web", role: "prospect" },
      ]
        .map((o) => JSON.stringify(o))
        .join("\n"),
    );
    const result = await runCli(["route", "--in", input]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const confidence = expect.any(Number);
    expect(lines).toEqual([
      { text: "STOP", channel: "sms", role: "prospect", id: 1, intent: "opt_out", confidence: 1 },
      { text: "How much does Helix Pro cost per year?", channel: "web", role: "prospect", intent: "pricing", confidence },
      { text: "hey there", channel: "web", role: "prospect", intent: "smalltalk", confidence },
    ]);
  });

  it("exits 2 with a one-line reason on bad input and bad usage", async () => {
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [["route", "--in", path.join(tmp, "missing.jsonl")], /cannot read .*missing\.jsonl: ENOENT/],
      [["route", "--in", file("bad.jsonl", '{"text":"ok"}\n{oops')], /line 2: not valid JSON/],
      [["route"], /route needs --in FILE\.jsonl/],
      [["serve", "--port", "eighty"], /must be an integer/],
      [["chat", "--role", "admin"], /Allowed choices are prospect, rep, manager/],
      [["frobnicate"], /unknown command 'frobnicate'/],
      [["migrate"], /^salesgraph: PORT: /, { PORT: "eighty" }],
    ];
    for (const [args, reason, env] of cases) {
      const result = await runCli(args, { env });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr, args.join(" ")).toMatch(reason);
    }
  });

  it("seeds idempotently and chats through the same graph", async () => {
    const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data") };
    const first = await runCli(["seed"], { env, timeoutMs: 120_000 });
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/demo data loaded: .*accounts/);
    const second = await runCli(["seed"], { env, timeoutMs: 120_000 });
    expect(second.stdout).toMatch(/already present/);
    const chat = await runCli(["chat", "--role", "prospect"], { env, input: "hello\nstop\nanyone there?\n" });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toMatch(/\[smalltalk\] /);
    expect(chat.stdout).toMatch(/\[opt_out\] /);
    expect(chat.stdout).toMatch(/no reply: this conversation has opted out/);
  });
});
