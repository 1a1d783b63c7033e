import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-kb-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data") };

describe("salesgraph kb", () => {
  it("ingests a folder, searches with scores and sources, and keeps internal text from public searches", async () => {
    // the internal files declare `audience: internal` in their front matter, so they stay internal here
    const ingest = await runCli(["kb", "ingest", "knowledge/demo", "--tag", "Demo"], { env, timeoutMs: 120_000 });
    expect(ingest.stderr).toBe("");
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/^ingested knowledge\/demo \(audience public\): 21 files - 21 added, 0 updated, 0 removed, 0 unchanged; \d+ chunks written/);

    const asProspect = await runCli(["kb", "search", "Operation", "Lighthouse", "--audience", "public", "-k", "10"], { env });
    expect(asProspect.code).toBe(0);
    expect(asProspect.stdout).toMatch(/^1\. score /);
    expect(asProspect.stdout).not.toMatch(/\[internal\]|Lighthouse/);

    const asRep = await runCli(["kb", "search", "Operation Lighthouse", "-k", "2"], { env });
    expect(asRep.code).toBe(0);
    expect(asRep.stdout).toMatch(
      /^1\. score 0\.\d{4} {2}knowledge\/demo\/internal\/battlecards\/tableau\.md {2}\[internal\] {2}Battlecard: Tableau > Operation Lighthouse\n {3}Operation Lighthouse is/,
    );

    const json = await runCli(["kb", "search", "SAML single sign-on", "--audience", "public", "-k", "3", "--json", "--tag", "demo"], { env });
    const hits = json.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(hit).toMatchObject({ audience: "public", source: expect.stringMatching(/^knowledge\/demo\/public\//), score: expect.any(Number) });
      expect(hit.tags).toContain("demo");
    }
  });

  it("exits 2 with a one-line reason on bad input", async () => {
    const cases: [string[], RegExp][] = [
      [["kb", "ingest", path.join(tmp, "missing")], /not a directory: .*missing/],
      [["kb", "ingest", "knowledge", "--tag", "bad tag!"], /expected a tag such as competitor:tableau/],
      [["kb", "search", "  "], /search query is empty/],
      [["kb", "search", "x", "-k", "0"], /must be an integer 1\.\.50/],
    ];
    for (const [args, reason] of cases) {
      const result = await runCli(args, { env });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr, args.join(" ")).toMatch(reason);
    }
  });
});
