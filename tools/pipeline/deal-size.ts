import { median } from "./stats.js";
import type { PipelineDeal } from "./types.js";

/**
 * Predicted deal size: the open amount scaled by how won deals of the product actually closed against
 * their amount (discounts, scope changes); without an amount, the product's median won value.
 */
export interface SizeModel {
  ratio: number;
  ratioByProduct: Record<string, number>;
  wonValue: number;
  wonValueByProduct: Record<string, number>;
}

const MIN_DEALS = 5;

function wonValue(d: PipelineDeal): number | null {
  return d.closeValue !== null && d.closeValue > 0 ? d.closeValue : d.amount > 0 ? d.amount : null;
}

export function fitSize(deals: readonly PipelineDeal[]): SizeModel {
  const won = deals.filter((d) => d.stage === "won");
  const ratios = new Map<string, number[]>();
  const values = new Map<string, number[]>();
  const all: number[] = [];
  const allValues: number[] = [];
  for (const d of won) {
    const v = wonValue(d);
    if (v === null) continue;
    allValues.push(v);
    values.set(d.product, [...(values.get(d.product) ?? []), v]);
    if (d.amount > 0 && d.closeValue !== null && d.closeValue > 0) {
      const r = d.closeValue / d.amount;
      all.push(r);
      ratios.set(d.product, [...(ratios.get(d.product) ?? []), r]);
    }
  }
  const byProduct = (map: Map<string, number[]>) =>
    Object.fromEntries([...map].filter(([, xs]) => xs.length >= MIN_DEALS).map(([k, xs]) => [k, median(xs)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return {
    ratio: all.length ? median(all) : 1,
    ratioByProduct: byProduct(ratios),
    wonValue: allValues.length ? median(allValues) : 0,
    wonValueByProduct: byProduct(values),
  };
}

export function predictSize(model: SizeModel, deal: Pick<PipelineDeal, "amount" | "product">): number {
  if (deal.amount > 0) return deal.amount * (model.ratioByProduct[deal.product] ?? model.ratio);
  return model.wonValueByProduct[deal.product] ?? model.wonValue;
}
