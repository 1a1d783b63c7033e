import type pg from "pg";
import { z } from "zod";
import type { Clock } from "../../src/core/clock.js";
import type { RepOwners } from "../../src/core/rep-owner.js";
import { defineTool } from "../registry.js";
import { dealWarnings, type DealActivity, type DealWarning } from "./deal-warnings.js";
import { matchNames } from "./name-match.js";

export const DealLookupInput = z
  .object({
    query: z
      .string()
      .min(1)
      .max(2000)
      .describe(
        "Text naming the account or deal, matched fuzzily against CRM account names, e.g. 'Apex Telecom' or 'the Lodestar Studios renewal'. Put the account name in it; up to three matching accounts are returned.",
      ),
    includeClosed: z.boolean().default(false).describe("Also return won and lost deals (default false: open deals only)."),
    limit: z.number().int().min(1).max(50).default(5).describe("Most deals to return, largest amount first (1-50, default 5)."),
    mine: z
      .boolean()
      .optional()
      .describe("true for 'my deals': the asking rep's own open deals (a manager: the team's) instead of an account's. Implied by 'my deals' in the query."),
  })
  .describe("Which CRM account's deals to look up.");

/** "my deals", "my pipeline", "my opportunities": the asker's own deals, not an account's. */
export const MY_DEALS = /\bmy (?:own )?(?:deals|pipeline|opportunities|book(?: of business)?)\b/i;

export interface DealSummary {
  id: string;
  name: string;
  account: string;
  product: string;
  owner: string;
  stage: string;
  amount: number;
  daysInStage: number;
  ageDays: number;
  expectedCloseDate: string | null;
  lastActivityAt: string | null;
  daysSinceActivity: number | null;
  nextStep: string | null;
  /** Warnings from the deal's CRM activity (ghosted, no decision maker, single-threaded, past close date), with evidence. */
  warnings?: DealWarning[];
}

const DAY = 86_400_000;

/** Internal: CRM deal records for the accounts a message names. */
export function createDealLookupTool(deps: { pool: pg.Pool; clock: Clock; owners?: RepOwners }) {
  return defineTool({
    name: "crm_find_deals",
    description: "Find CRM deals for the account or deal named in the query, with stage, amount, owner and activity.",
    audience: "internal",
    schema: DealLookupInput,
    run: async (input, context) => {
      const owner = (input.mine ?? MY_DEALS.test(input.query)) ? await deps.owners?.resolve(context) : undefined;
      if (owner) {
        const { rows } = await deps.pool.query(
          `select d.id, d.name, a.name as account, p.name as product, r.name as owner, d.stage, d.amount,
                  d.stage_entered_at, d.engaged_at, d.expected_close_date, d.last_activity_at, d.next_step
             from deals d
             join accounts a on a.id = d.account_id
             join products p on p.id = d.product_id
             join reps r on r.id = d.owner_rep_id
            where d.owner_rep_id = any($1::text[]) and ($2 or d.stage not in ('won', 'lost'))
            order by d.amount desc
            limit $3`,
          [owner.repIds, input.includeClosed, input.limit],
        );
        const deals = await withWarnings(deps.pool, rows.map((r) => summary(r, deps.clock.now().getTime())), deps.clock.now().getTime());
        return { accounts: [...new Set(deals.map((d) => d.account))], deals, owner: { name: owner.name, role: owner.role } };
      }
      const accounts = (await deps.pool.query<{ name: string }>("select name from accounts")).rows.map((r) => r.name);
      const named = matchNames(input.query, accounts).map((m) => m.name);
      if (named.length === 0) return { accounts: [], deals: [] as DealSummary[] };
      const { rows } = await deps.pool.query(
        `select d.id, d.name, a.name as account, p.name as product, r.name as owner, d.stage, d.amount,
                d.stage_entered_at, d.engaged_at, d.expected_close_date, d.last_activity_at, d.next_step
           from deals d
           join accounts a on a.id = d.account_id
           join products p on p.id = d.product_id
           join reps r on r.id = d.owner_rep_id
          where a.name = any($1) and ($2 or d.stage not in ('won', 'lost'))
          order by d.amount desc
          limit $3`,
        [named.slice(0, 3), input.includeClosed, input.limit],
      );
      const deals = await withWarnings(deps.pool, rows.map((r) => summary(r, deps.clock.now().getTime())), deps.clock.now().getTime());
      return { accounts: named.slice(0, 3), deals };
    },
  });
}

/** Adds each open deal's activity warnings (one query for all the deals). */
async function withWarnings(pool: pg.Pool, deals: DealSummary[], now: number): Promise<DealSummary[]> {
  const open = deals.filter((d) => d.stage !== "won" && d.stage !== "lost");
  if (open.length === 0) return deals;
  const { rows } = await pool.query(
    `select a.deal_id, a.occurred_at, a.direction, c.first_name, c.last_name, c.title, c.seniority
       from activities a left join contacts c on c.id = a.contact_id
      where a.deal_id = any($1::text[])`,
    [open.map((d) => d.id)],
  );
  const byDeal = new Map<string, DealActivity[]>();
  for (const r of rows) {
    const list = byDeal.get(r.deal_id) ?? [];
    list.push({
      occurredAt: new Date(r.occurred_at).getTime(),
      direction: r.direction,
      contact: r.first_name ? { name: `${r.first_name} ${r.last_name}`, title: r.title, seniority: r.seniority } : null,
    });
    byDeal.set(r.deal_id, list);
  }
  return deals.map((d) => (d.stage === "won" || d.stage === "lost" ? d : { ...d, warnings: dealWarnings(d, byDeal.get(d.id) ?? [], now) }));
}

/** One row of the two fixed queries above. */
function summary(r: Record<string, any>, now: number): DealSummary {
  return {
    id: r.id,
    name: r.name,
    account: r.account,
    product: r.product,
    owner: r.owner,
    stage: r.stage,
    amount: Number(r.amount),
    daysInStage: Math.max(0, Math.floor((now - r.stage_entered_at.getTime()) / DAY)),
    ageDays: Math.max(0, Math.floor((now - r.engaged_at.getTime()) / DAY)),
    expectedCloseDate: r.expected_close_date ? toDate(r.expected_close_date) : null,
    lastActivityAt: r.last_activity_at ? r.last_activity_at.toISOString() : null,
    daysSinceActivity: r.last_activity_at ? Math.floor((now - r.last_activity_at.getTime()) / DAY) : null,
    nextStep: r.next_step,
  };
}

function toDate(value: Date | string): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
