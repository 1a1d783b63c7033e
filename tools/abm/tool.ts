import type { MarketingCrm } from "../../src/core/marketing.js";
import type { InsightsCache } from "../profile/insights.js";
import { resolveAccount } from "../profile/profile.js";
import { defineTool } from "../registry.js";
import { buildPlaybook, type AccountPlaybook } from "./playbook.js";
import { AccountPlaybookInput, TargetAccountsInput } from "./schema.js";
import { scoreTargets, type TargetAccount } from "./targets.js";

export interface AbmDeps {
  crm: MarketingCrm;
  insights: InsightsCache;
  now: () => Date;
  /** Internal knowledge-base passages for value propositions; absent → none are quoted. */
  searchKnowledge?: (query: string, k: number) => Promise<{ title: string; source: string; excerpt: string }[]>;
}

export interface TargetAccountsOutput {
  icp: { sectors: string[]; regions: string[]; minEmployees?: number; maxEmployees?: number };
  accounts: TargetAccount[];
  scored: number;
}

/** Sector, region and count named in a request ("top 20 target accounts in retail in EMEA"). */
export function readIcp(text: string, sectors: readonly string[], regions: readonly string[]): { sectors: string[]; regions: string[]; limit?: number } {
  const lower = text.toLowerCase();
  const has = (word: string) => new RegExp(`\\b${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(lower);
  const count = /\btop\s+(\d{1,3})\b|\b(\d{1,3})\s+(?:target\s+)?accounts?\b/.exec(lower);
  const n = count ? Number(count[1] ?? count[2]) : undefined;
  return { sectors: sectors.filter(has), regions: regions.filter(has), ...(n ? { limit: Math.min(100, n) } : {}) };
}

export function createAbmTools(deps: AbmDeps) {
  const targetAccounts = defineTool({
    name: "target_accounts",
    description:
      "Account-based marketing target list: scores CRM accounts against an ideal customer profile by fit (firmographic similarity to won accounts) and intent (recent engagement signals), keeping the two scores apart, with reasons. Use for 'top 20 target accounts in retail'.",
    audience: "internal",
    schema: TargetAccountsInput,
    run: async (input): Promise<TargetAccountsOutput> => {
      const [accounts, insights] = await Promise.all([deps.crm.listAccounts(), deps.insights.get()]);
      const read = readIcp(input.query ?? "", [...new Set(accounts.map((a) => a.sector))], [...new Set(accounts.map((a) => a.region))]);
      const icp = {
        sectors: input.sectors ?? read.sectors,
        regions: input.regions ?? read.regions,
        ...(input.minEmployees !== undefined ? { minEmployees: input.minEmployees } : {}),
        ...(input.maxEmployees !== undefined ? { maxEmployees: input.maxEmployees } : {}),
      };
      const now = deps.now();
      const signals = await deps.crm.touchesSince(new Date(now.getTime() - 180 * 86_400_000));
      let scored = scoreTargets({ accounts, journeys: insights.journeys, signals, now, icp });
      if (input.includeCustomers === false) scored = scored.filter((t) => t.status !== "customer");
      return { icp, accounts: scored.slice(0, input.limit ?? read.limit ?? 20), scored: scored.length };
    },
  });

  const accountPlaybook = defineTool({
    name: "account_playbook",
    description:
      "Account-based marketing playbook for one account: stakeholder map (economic buyer, champion, technical evaluator, users) from contacts, titles and engagement, value propositions from the internal knowledge base, and an eight-week engagement sequence over channels with success metrics.",
    audience: "internal",
    schema: AccountPlaybookInput,
    run: async (input): Promise<{ found: true; playbook: AccountPlaybook } | { found: false; reason: string }> => {
      const account = await resolveAccount(deps.crm, input.account);
      if (!account) return { found: false, reason: `no account in the CRM matches "${input.account}"` };
      const [contacts, touches, insights] = await Promise.all([deps.crm.contactsOf(account.id), deps.crm.touchesOf({ accountId: account.id }), deps.insights.get()]);
      const withdrawn = new Set<string>();
      for (const c of contacts) if (await deps.crm.consentWithdrawn(c.id)) withdrawn.add(c.id);
      const valueProps = deps.searchKnowledge ? await deps.searchKnowledge(`${account.sector} value benefits customer story`, 3).catch(() => []) : [];
      return { found: true, playbook: buildPlaybook({ account, contacts, touches, withdrawn, valueProps, model: insights.model, now: deps.now() }) };
    },
  });

  return [targetAccounts, accountPlaybook];
}
