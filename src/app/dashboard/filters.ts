import { z } from "zod";

/** The dashboard's filters, from the query string: rep and region (the selling team's), and the period. */
export const DashboardQuery = z.object({
  rep: z.string().trim().max(120).optional().transform((v) => v || undefined),
  region: z.string().trim().max(120).optional().transform((v) => v || undefined),
  period: z.string().trim().max(40).optional().transform((v) => v || "this quarter"),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export interface Filters {
  rep?: string;
  region?: string;
  period: { label: string; text: string; start: number; end: number };
  /** "Now" for CRM figures: the clock, or the newest record of an imported snapshot. */
  asOf: number;
}

/** The query string that reproduces these filters (plus extra parameters), for links to rows. */
export function filterQuery(f: Pick<Filters, "rep" | "region"> & { period: { text: string } }, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  if (f.rep) params.set("rep", f.rep);
  if (f.region) params.set("region", f.region);
  params.set("period", f.period.text);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}
