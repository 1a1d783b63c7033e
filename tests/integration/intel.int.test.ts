import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { createIntelRepo } from "../../src/infra/postgres/intel-repo.js";
import { createIntelService, type IntelService } from "../../tools/intel/service.js";
import { startCompetitorSite, type CompetitorSite } from "../fakes/competitor-site.js";
import { runCliInProcess } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const UA = "SalesgraphIntel/0.1 (+https://github.com/salesgraph/salesgraph; tests)";

describe("intel fetcher, change detection and digest against a local competitor site", () => {
  let db: TestDatabase;
  let site: CompetitorSite;
  let intel: IntelService;
  const clock = fixedClock("2026-01-05T09:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    site = await startCompetitorSite();
    intel = createIntelService({
      store: createIntelRepo(db.pool),
      clock,
      logger: silentLogger(),
      policy: { userAgent: UA, timeoutMs: 400, retries: 1, backoffMs: 20 },
    });
    for (const [p, kind] of [["/pricing", "page"], ["/feed.xml", "feed"], ["/broken", "page"], ["/hangs", "page"], ["/private/roadmap", "page"]] as const) {
      await intel.store.addSource({ competitor: "Acme", url: site.url + p, kind });
    }
  });

  afterAll(async () => {
    await site?.close();
    await db?.dispose();
  });

  const byPath = (reports: Awaited<ReturnType<IntelService["watcher"]["fetchAll"]>>) =>
    Object.fromEntries(reports.map((r) => [new URL(r.url).pathname, r]));

  it("fetches what it may, and a 500, a hang and a robots.txt disallow fail alone", async () => {
    const reports = byPath(await intel.watcher.fetchAll());
    expect(reports["/pricing"]).toMatchObject({ status: "first" });
    expect(reports["/feed.xml"]).toMatchObject({ status: "first" });
    expect(reports["/broken"]).toMatchObject({ status: "failed", error: "HTTP 500 after 2 attempts" });
    expect(reports["/hangs"]!.status).toBe("failed");
    expect(reports["/hangs"]!.error).toMatch(/timed out after 400 ms after 2 attempts/);
    expect(reports["/private/roadmap"]).toMatchObject({ status: "blocked", error: "disallowed by robots.txt" });
    expect(site.hits("/broken")).toBe(2); // retried once, with backoff
    expect(site.hits("/private/roadmap")).toBe(0);
    expect(site.hits("/robots.txt")).toBe(1); // once per origin per run
    expect(new Set(site.requests.map((r) => r.userAgent))).toEqual(new Set([UA]));
    const snapshot = await intel.store.latestSnapshot(reports["/pricing"]!.sourceId);
    expect(snapshot!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot!.text).toContain("$40 per user per month");
    expect(snapshot!.text).not.toMatch(/Careers|Trusted by/); // navigation and footer are not main text
  });

  it("sends conditional requests and stores nothing new when nothing changed", async () => {
    clock.advance(3_600_000);
    const reports = byPath(await intel.watcher.fetchAll());
    expect(reports["/pricing"]!.status).toBe("not_modified");
    expect(site.requests.filter((r) => r.path === "/pricing").at(-1)!.ifNoneMatch).toMatch(/^"/);
  });

  it("ignores a page whose only change is its date, copyright year and counters", async () => {
    site.state.updated = "April 9, 2026";
    clock.advance(3_600_000);
    const reports = byPath(await intel.watcher.fetchAll({ competitor: "acme" }));
    expect(reports["/pricing"]!.changes).toBe(0);
  });

  it("detects a price change, a feature removed and a feed item added, and the digest reports them with links", async () => {
    site.state.price = 45;
    site.state.features = ["Unlimited dashboards", "Single sign-on"];
    site.state.items.unshift({ id: "2", title: "Acme raises $50M Series C", date: "Fri, 02 Jan 2026 09:00:00 GMT" });
    clock.advance(3_600_000);
    const reports = byPath(await intel.watcher.fetchAll());
    expect(reports["/pricing"]).toMatchObject({ status: "changed", changes: 2 });
    expect(reports["/feed.xml"]).toMatchObject({ status: "changed", changes: 1 });

    const digest = await intel.digests.digest({ since: "7d" });
    const acme = digest.competitors.find((c) => c.competitor === "Acme")!;
    const price = acme.items.find((i) => i.kind === "price_change")!;
    expect(price.price).toMatchObject({ old: 40, new: 45, currency: "USD", plan: "Pro", unit: "per user per month", changePct: 12.5 });
    expect(price.link).toBe(`${site.url}/pricing`);
    expect(price.snapshotId).toBe(reports["/pricing"]!.snapshotId);
    expect(acme.items.find((i) => i.kind === "feature_removed")!.summary).toBe("feature removed: Scheduled reports");
    const news = acme.items.find((i) => i.kind === "feed_item")!;
    expect(news.link).toBe(`${site.url}/news/2`);
    expect(news.detail).toMatchObject({ itemKind: "funding" });
    expect(acme.talkTrack).toContain("from $40 to $45 per user per month");
    expect(acme.battlecardSections).toContain("Pricing notes");
    expect((await intel.digests.digest({ since: "7d", competitor: "Nobody" })).competitors).toEqual([]);
  });
});

describe("salesgraph intel (CLI)", () => {
  let site: CompetitorSite;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    site = await startCompetitorSite();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-intel-"));
    fs.writeFileSync(path.join(dataDir, "intel.yaml"), `competitors:\n  Acme:\n    - url: ${site.url}/feed.xml\n      kind: feed\n`);
    env = { SALESGRAPH_DATA_DIR: dataDir, INTEL_CONFIG: path.join(dataDir, "intel.yaml"), INTEL_FETCH_TIMEOUT_MS: "500", DATABASE_URL: "" };
  });

  afterAll(async () => {
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds, lists, fetches and digests; --json has the old and new price as numbers", async () => {
    const added = await runCliInProcess(["intel", "source", "add", "--competitor", "Acme", "--url", `${site.url}/pricing`], env);
    expect(added.code, added.stderr).toBe(0);
    const bad = await runCliInProcess(["intel", "source", "add", "--competitor", "Acme", "--url", "ftp://x"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/needs an http\(s\) URL/);

    const listed = await runCliInProcess(["intel", "source", "list"], env);
    expect(listed.stdout).toContain(`${site.url}/pricing`);
    expect(listed.stdout).toContain(`${site.url}/feed.xml\tconfig`); // from config/intel.yaml

    expect((await runCliInProcess(["intel", "fetch"], env)).code).toBe(0);
    site.state.price = 45;
    const fetched = await runCliInProcess(["intel", "fetch"], env);
    expect(fetched.stdout).toMatch(/changed\tAcme\t.*\/pricing\t1 change/);

    const digest = await runCliInProcess(["intel", "digest", "--since", "7d", "--json"], env);
    expect(digest.code, digest.stderr).toBe(0);
    const json = JSON.parse(digest.stdout);
    const item = json.competitors[0].items.find((i: any) => i.kind === "price_change");
    expect(item.price.old).toBe(40);
    expect(item.price.new).toBe(45);
    expect(item.link).toBe(`${site.url}/pricing`);

    const text = await runCliInProcess(["intel", "digest", "--since", "7d"], env);
    expect(text.stdout).toContain(`Pro: price $40 → $45 per user per month (+12.5%) — ${site.url}/pricing`);
    expect((await runCliInProcess(["intel", "digest", "--since", "soon"], env)).code).toBe(2);

    const id = /^(\S+)\t/.exec(added.stdout)![1]!;
    expect((await runCliInProcess(["intel", "source", "remove", id], env)).code).toBe(0);
    expect((await runCliInProcess(["intel", "source", "remove", id], env)).code).toBe(2);
  });

  it("prints the battlecard and keeps its versions", async () => {
    const card = await runCliInProcess(["intel", "battlecard", "qlik"], env);
    expect(card.code, card.stderr).toBe(0);
    expect(card.stdout).toContain("Battlecard: Qlik (version 1");
    expect(card.stdout).toContain("## Landmines to lay");
    const versions = await runCliInProcess(["intel", "battlecard", "Qlik", "--versions"], env);
    expect(versions.stdout.trim().split("\n")).toHaveLength(1);
  });
});
