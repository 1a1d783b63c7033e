import { z } from "zod";
import { INTEL_SOURCE_KINDS } from "../../src/core/intel.js";

export const IntelDigestInput = z
  .object({
    since: z
      .string()
      .regex(/^\d{1,4}\s*[hdwHDW]$/, "a duration such as 7d, 24h or 2w")
      .default("7d")
      .describe("How far back to look: a number and h (hours), d (days) or w (weeks), e.g. '7d' for this week."),
    competitor: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("Only this competitor, e.g. 'Qlik'; omit for every watched competitor."),
  })
  .describe("What competitors changed recently: prices (old and new), features added or removed, new plans, news.");
export type IntelDigestInput = z.input<typeof IntelDigestInput>;

export const BattlecardInput = z
  .object({
    competitor: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The competitor's name as a rep would say it, e.g. 'Qlik' or 'Power BI'; omit to list the battlecards there are."),
  })
  .describe("The internal battlecard against one competitor, or the list of competitors with a battlecard.");
export type BattlecardInput = z.input<typeof BattlecardInput>;

/** One entry of config/intel.yaml. */
export const IntelSourceConfig = z.object({
  competitor: z.string().trim().min(1).max(100),
  url: z.string().trim().min(1).max(2000),
  kind: z.enum(INTEL_SOURCE_KINDS).optional(),
});

/** config/intel.yaml: `competitors: { Qlik: [url, {url, kind}] }` and/or `sources: [{competitor, url, kind}]`. */
export const IntelConfigFile = z
  .object({
    competitors: z
      .record(z.string(), z.array(z.union([z.string().min(1), IntelSourceConfig.omit({ competitor: true })])))
      .optional(),
    sources: z.array(IntelSourceConfig).optional(),
  })
  .strict();
