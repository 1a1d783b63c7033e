import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const OUT = path.resolve("test-output/dashboard");
const PASSWORD = "correct horse battery";
const suite = haveChromium ? "manager dashboard (headless Chromium)" : `manager dashboard — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`;

/** The figures table under a chart, as rows of cell texts. */
async function figures(page: Page, id: string): Promise<string[][]> {
  return page.locator(`table[data-figures="${id}"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? "").trim())));
}

/** What ECharts actually draws for a chart: its first series' data. */
async function drawn(page: Page, id: string, series = 0): Promise<unknown[]> {
  return page.evaluate(([chartId, s]) => ((globalThis as any).salesgraphCharts[chartId as string].getOption().series[s as number].data as unknown[]), [id, series] as const);
}

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

describe.skipIf(!haveChromium)(suite, () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    app = await startTestApp(db, { SALESGRAPH_ADMIN_PASSWORD: PASSWORD });
    await app.server.warm();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: "en-US", timezoneId: "UTC" });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.dispose();
  });

  it("refuses a wrong password, signs in with the right one, and draws the pipeline the SQL counts", async () => {
    await page.goto(`${app.url}/dashboard`);
    expect(page.url()).toContain("/dashboard/login");
    await page.getByLabel("Admin password").fill("wrong password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator(".error").innerText()).toContain("not right");
    await page.getByLabel("Admin password").fill(PASSWORD);
    const started = Date.now();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForSelector("html[data-charts-ready]");
    const loadMs = Date.now() - started;
    expect(loadMs).toBeLessThan(1000);
    const cookie = (await page.context().cookies()).find((c) => c.name === "sg_dashboard")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    const { rows } = await db.pool.query(
      `select stage, count(*)::int as n, sum(amount)::float8 as amount from deals
        where closed_at is null and engaged_at <= (select max(greatest(engaged_at, stage_entered_at, coalesce(closed_at, engaged_at))) from deals)
        group by stage`,
    );
    const table = await figures(page, "stages");
    expect(table.map((r) => r[0])).toEqual(["prospecting", "qualification", "proposal", "negotiation"]);
    for (const [stage, count, amount] of table) {
      const sql = rows.find((r) => r.stage === stage)!;
      expect(count).toBe(sql.n.toLocaleString("en-US"));
      expect(amount).toBe(money(sql.amount));
    }
    expect(await drawn(page, "stages")).toEqual(table.map((r) => rows.find((x) => x.stage === r[0])!.amount));

    const forecast = await figures(page, "forecast");
    expect(forecast[0]![0]).toBe("Total");
    expect((await drawn(page, "forecast", 2)).length).toBe(forecast.length);

    const trend = await figures(page, "win-rate");
    const closed = await db.pool.query(
      `select to_char(date_trunc('month', closed_at), 'YYYY-MM') as m, count(*)::int as closed, count(*) filter (where stage = 'won')::int as won
         from deals where closed_at is not null group by 1`,
    );
    for (const [month, closedText, wonText] of trend) {
      const sql = closed.rows.find((r) => r.m === month)!;
      expect([closedText, wonText]).toEqual([String(sql.closed), String(sql.won)]);
    }
    await page.screenshot({ path: path.join(OUT, "pipeline.png"), fullPage: true });

    // every number links to its rows: the proposal count opens that many deals
    await page.locator('table[data-figures="stages"] tr', { hasText: "proposal" }).locator("a").first().click();
    await expect.poll(() => page.locator(".total").innerText()).toBe(String(rows.find((r) => r.stage === "proposal")!.n));
  });

  it("draws lead scores, conversion by source, segments and conversations from the same numbers as SQL", async () => {
    await page.goto(`${app.url}/dashboard/leads`);
    await page.waitForSelector("html[data-charts-ready]");
    const buckets = await db.pool.query(
      "select least(lead_score / 10, 9) as b, count(*)::int as n from leads where converted is null and status not in ('converted', 'disqualified') and lead_score is not null group by 1",
    );
    const scores = await figures(page, "scores");
    expect(scores).toHaveLength(10);
    scores.forEach(([, n], i) => expect(n).toBe(String(buckets.rows.find((r) => Number(r.b) === i)?.n ?? 0)));
    expect((await drawn(page, "scores")).reduce((a: number, b) => a + Number(b), 0)).toBe(buckets.rows.reduce((a, r) => a + r.n, 0));
    const sources = await db.pool.query("select source, count(*)::int as n, count(*) filter (where converted)::int as c from leads where converted is not null group by 1");
    for (const [source, n, c] of await figures(page, "sources")) {
      const sql = sources.rows.find((r) => r.source === source)!;
      expect([n, c]).toEqual([String(sql.n), String(sql.c)]);
    }
    expect(await page.locator("table.hottest tbody tr").count()).toBe(10);
    await page.screenshot({ path: path.join(OUT, "leads.png"), fullPage: true });

    await page.goto(`${app.url}/dashboard/segments`);
    await page.waitForSelector("html[data-charts-ready]");
    const members = await db.pool.query(
      "select s.label, count(*)::int as n from segment_memberships m join segments s on s.id = m.segment_id where m.run_id = (select run_id from segments order by created_at desc limit 1) group by 1",
    );
    const sizes = await figures(page, "segment-sizes");
    expect(sizes.length).toBe(members.rows.length);
    for (const [label, n] of sizes) expect(n).toBe(String(members.rows.find((r) => r.label === label)!.n));
    await page.screenshot({ path: path.join(OUT, "segments.png"), fullPage: true });

    await app.post("/api/chat", { text: "What does Helix cost?" });
    await page.goto(`${app.url}/dashboard/conversations?period=this%20year`);
    await page.waitForSelector("html[data-charts-ready]");
    expect(await figures(page, "by-channel")).toEqual([["web", "1"]]);
    await page.screenshot({ path: path.join(OUT, "conversations.png"), fullPage: true });

    await page.goto(`${app.url}/dashboard/content`);
    await page.goto(`${app.url}/dashboard/intel`);
    await page.screenshot({ path: path.join(OUT, "intel.png"), fullPage: true });
  });

  it("refuses a write without the CSRF token and signs out with it", async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === "sg_dashboard")!;
    const forged = await fetch(`${app.url}/dashboard/logout`, { method: "POST", headers: { cookie: `sg_dashboard=${cookie.value}`, "content-type": "application/x-www-form-urlencoded" }, body: "", redirect: "manual" });
    expect(forged.status).toBe(403);
    await page.goto(`${app.url}/dashboard/content`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto(`${app.url}/dashboard`);
    expect(page.url()).toContain("/dashboard/login");
  });
});
