import type { CatalogProduct } from "../../src/core/ports.js";
import type { CatalogEntry, PlanQuote } from "./schema.js";

/** Add-ons are bought on top of a plan and are never "the plan that fits". */
export function isAddOn(product: Pick<CatalogProduct, "series">): boolean {
  return /add[\s_-]?on/i.test(product.series);
}

export function toEntry(p: CatalogProduct): CatalogEntry {
  return {
    id: p.id,
    name: p.name,
    kind: isAddOn(p) ? "add_on" : "plan",
    listPrice: p.listPrice,
    billing: p.billing,
    basis: /\b(per[\s_-]?(user|seat)|seats?|users?)\b/i.test(p.billing) ? "per_user" : "package",
    includedUsers: p.includedUsers,
    description: p.description,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** One plan for `teamSize` users: seat pricing multiplies, package pricing divides. */
export function quotePlan(product: CatalogEntry, teamSize: number): PlanQuote {
  const cap = product.includedUsers;
  const fits = cap === null ? (product.basis === "per_user" ? true : undefined) : teamSize <= cap;
  const total = product.basis === "per_user" ? round2(product.listPrice * teamSize) : product.listPrice;
  const perUser = product.basis === "per_user" ? product.listPrice : round2(product.listPrice / teamSize);
  return { product, fits, total, perUser };
}

/**
 * Every plan (or the one product asked for) quoted for the team, cheapest first, with the cheapest plan the
 * team fits as the recommendation.
 */
export function quotePlans(entries: readonly CatalogEntry[], teamSize: number, productId?: string): { recommended?: PlanQuote; options: PlanQuote[] } {
  const chosen = productId ? entries.filter((e) => e.id === productId) : entries.filter((e) => e.kind === "plan");
  const options = chosen.map((e) => quotePlan(e, teamSize)).sort((a, b) => a.total - b.total || a.product.name.localeCompare(b.product.name));
  const recommended = options.find((o) => o.fits === true && o.product.kind === "plan");
  return { recommended, options };
}

export function money(amount: number, currency: string): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
  } catch {
    return `${amount.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
  }
}

function period(billing: string): string {
  if (/month/i.test(billing)) return "month";
  return "year";
}

/** The arithmetic in words: the recommendation first, then why cheaper plans do not fit. */
export function explainQuote(quote: { recommended?: PlanQuote; options: PlanQuote[] }, teamSize: number, currency: string): string[] {
  const $ = (x: number) => money(x, currency);
  const users = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "user" : "users"}`;
  const lines: string[] = [];
  const r = quote.recommended;
  if (r) {
    const per = period(r.product.billing);
    lines.push(
      r.product.basis === "per_user"
        ? `${r.product.name} fits ${users(teamSize)}: ${$(r.product.listPrice)} per user per ${per} × ${teamSize.toLocaleString("en-US")} = ${$(r.total)} per ${per}.`
        : `${r.product.name} fits ${users(teamSize)}: ${$(r.product.listPrice)} per ${per} covers up to ${users(r.product.includedUsers!)}, ` +
            `so ${users(teamSize)} come to ${$(r.total)} ÷ ${teamSize.toLocaleString("en-US")} = ${$(r.perUser)} per user per ${per}.`,
    );
  }
  for (const o of quote.options) {
    if (o === r) continue;
    const per = period(o.product.billing);
    if (o.fits === false && (!r || o.total <= r.total)) {
      lines.push(`${o.product.name} covers up to ${users(o.product.includedUsers!)}, so it doesn't fit ${teamSize.toLocaleString("en-US")}.`);
    } else if (!r && o.fits === undefined) {
      lines.push(`${o.product.name} lists at ${$(o.product.listPrice)} per ${per}; the price list doesn't say how many users that covers.`);
    }
  }
  if (!r && quote.options.length > 0 && quote.options.every((o) => o.fits === false)) {
    const largest = [...quote.options].sort((a, b) => (b.product.includedUsers ?? 0) - (a.product.includedUsers ?? 0))[0]!;
    lines.length = 0;
    lines.push(
      `No listed plan covers ${users(teamSize)}: the largest, ${largest.product.name}, covers up to ${users(largest.product.includedUsers!)} ` +
        `at ${$(largest.product.listPrice)} per ${period(largest.product.billing)}, so a team of ${teamSize.toLocaleString("en-US")} needs a custom quote.`,
    );
  }
  return lines;
}
