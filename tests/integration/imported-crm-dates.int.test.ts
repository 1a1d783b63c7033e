import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { parseCrmExport } from "../../tools/crm/import-csv.js";
import { importCrmExport } from "../../tools/crm/import-crm.js";
import { UNKNOWN_ACCOUNT } from "../../tools/crm/import-plan.js";
import { createPipelineService } from "../../tools/pipeline/service.js";
import { createSegmentsService } from "../../tools/segments/service.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const SHARED_CRM = path.resolve(process.cwd(), "../shared/data/crm");
const FILES = ["sales_teams.csv", "products.csv", "accounts.csv", "sales_pipeline.train.csv", "sales_pipeline.open.csv"];
const haveMaven = FILES.every((f) => fs.existsSync(path.join(SHARED_CRM, f)));
if (!haveMaven) console.warn(`skipping the imported-CRM dates test: ${SHARED_CRM} is absent`);

const read = (f: string) => fs.readFileSync(path.join(SHARED_CRM, f), "utf8");
/** The closed and the open deals in one export, as the CRM would give them. */
function mavenExport() {
  const open = read("sales_pipeline.open.csv").split(/\r?\n/).slice(1).join("\n");
  return parseCrmExport({
    teams: { file: "sales_teams.csv", content: read("sales_teams.csv") },
    products: { file: "products.csv", content: read("products.csv") },
    accounts: { file: "accounts.csv", content: read("accounts.csv") },
    deals: { file: "sales_pipeline.csv", content: `${read("sales_pipeline.train.csv").trimEnd()}\n${open}` },
  });
}

describe.skipIf(!haveMaven)("an imported 2016-2017 CRM export, read in 2026", () => {
  let db: TestDatabase;
  const clock = fixedClock("2026-11-30T09:00:00Z");
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
  }, 60_000);
  afterAll(async () => db?.dispose());

  it("keeps the deals without an account under the placeholder, and dates reports and segments by the export's newest record", async () => {
    const data = mavenExport();
    const orphans = data.deals.filter((d) => !d.account).length;
    expect(orphans).toBeGreaterThan(1000);
    const summary = await importCrmExport(db.pool, data, { now: clock.now().getTime() });
    expect(summary.placeholder).toEqual({ account: UNKNOWN_ACCOUNT, deals: orphans });
    expect(summary.skipped).toEqual({});
    expect(summary.deals).toBe(data.deals.length);

    const review = await createPipelineService({ pool: db.pool, clock }).review({ iterations: 200 });
    expect(review.asOf.slice(0, 4)).toBe("2017");
    expect(review.snapshot).toBe(true);

    const segments = await createSegmentsService({ pool: db.pool, clock }).build({ k: 3 });
    expect(segments.model.asOf.slice(0, 4)).toBe("2017");
  }, 240_000);
});
