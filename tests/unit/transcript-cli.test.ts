import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, runCliInProcess } from "../helpers/cli.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-transcripts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

const FORMATS: Record<string, string> = {
  "plain.txt": "Sam: Hi Dana, what slows your reporting down?\nDana: It is too expensive to keep doing it by hand.\nSam: I'll send a proposal by Friday.\nDana: Thanks.",
  "stamped.txt": "[00:00] Sam: Hi Dana, what slows your reporting down?\n[00:04] Dana: It is too expensive to keep doing it by hand.\n(00:00:09) Sam: I'll send a proposal by Friday.\n[00:13] Dana: Thanks.",
  "call.vtt": "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Sam>Hi Dana, what slows your reporting down?\n\n00:04.000 --> 00:09.000\n<v Dana>It is too expensive to keep doing it by hand.\n\n00:09.000 --> 00:13.000\n<v Sam>I'll send a proposal by Friday.\n\n00:13.000 --> 00:14.000\n<v Dana>Thanks.\n",
  "call.srt": "1\n00:00:00,000 --> 00:00:04,000\nSam: Hi Dana, what slows your reporting down?\n\n2\n00:00:04,000 --> 00:00:09,000\nDana: It is too expensive to keep doing it by hand.\n\n3\n00:00:09,000 --> 00:00:13,000\n<v Sam>I'll send a proposal by Friday.\n\n4\n00:00:13,000 --> 00:00:14,000\nDana: Thanks.\n",
  "call.json": JSON.stringify([
    { speaker: "Sam", start: 0, end: 4, text: "Hi Dana, what slows your reporting down?" },
    { speaker: "Dana", start: 4, end: 9, content: "It is too expensive to keep doing it by hand. {vocalsound}" },
    { speaker: "Sam", start: 9, end: 13, text: "I'll send a proposal by Friday." },
    { speaker: "Dana", start: 13, end: 14, text: "Thanks." },
  ]),
};

describe("salesgraph transcript analyze", () => {
  it.each(Object.keys(FORMATS))("holds the JSON contract on %s", async (name) => {
    const r = await runCliInProcess(["transcript", "analyze", file(name, FORMATS[name]!), "--rep", "Sam", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.talk_ratio.rep + a.talk_ratio.customer).toBeCloseTo(1, 6);
    expect(a.talk_ratio.rep).toBeGreaterThan(0);
    expect(a.longest_monologue).toMatchObject({ speaker: "Sam" });
    expect(a.questions).toEqual({ rep: 1, customer: 0 });
    expect(a.objections).toEqual([expect.objectContaining({ type: "price", quote: "It is too expensive to keep doing it by hand." })]);
    expect(a.next_steps).toEqual([expect.objectContaining({ owner: "rep", due: "by Friday" })]);
    expect(Array.isArray(a.coaching)).toBe(true);
    if (name !== "plain.txt") expect(a.talk_ratio_basis).toBe("time");
  });

  it.each([
    [["transcript", "analyze", "/no/such/file.txt"], "cannot read /no/such/file.txt: ENOENT"],
    [["transcript", "analyze", "BAD"], "no speaker turns found"],
    [["transcript", "analyze", "REP", "--rep", "Zed"], "--rep 'Zed' matches no speaker"],
  ])("exits 2 with one line for bad input %j", async (args, reason) => {
    const resolved = args.map((a) => (a === "BAD" ? file("bad.txt", "nothing to see") : a === "REP" ? file("rep.txt", FORMATS["plain.txt"]!) : a));
    const r = await runCliInProcess(resolved);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(reason);
  });

  it("runs as a process: the binary prints the analysis and exits 0", async () => {
    const r = await runCli(["transcript", "analyze", file("spawn.vtt", FORMATS["call.vtt"]!), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).talk_ratio_by_time).toEqual({ rep: 0.5714, customer: 0.4286 }); // Sam 4 + 4 s of 14 s
  }, 30_000);
});
