import { describe, expect, it } from "vitest";
import { z } from "zod";
import { undescribedPaths } from "../helpers/undescribed.js";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });

describe("undescribedPaths", () => {
  it("finds nothing missing when the schema and every field are described", () => {
    const schema = z
      .object({
        query: z.string().describe("free text"),
        limit: z.number().int().default(5).describe("how many"),
        deal: z.object({ id: z.string().optional().describe("deal id") }).optional().describe("the deal"),
      })
      .describe("a lookup");
    expect(undescribedPaths(json(schema))).toEqual([]);
  });

  it("names the root, a top-level field and a nested field that lack one", () => {
    const schema = z.object({
      query: z.string(),
      deal: z.object({ id: z.string().describe("deal id"), name: z.string().optional() }).describe("the deal"),
    });
    expect(undescribedPaths(json(schema))).toEqual(["(root)", "query", "deal.name"]);
  });

  it("walks array items and the variants of a discriminated union", () => {
    const schema = z
      .discriminatedUnion("action", [
        z.object({ action: z.literal("list").describe("list them") }),
        z.object({
          action: z.literal("quote").describe("quote"),
          teamSize: z.number(),
          people: z.array(z.object({ name: z.string() })).describe("who"),
        }),
      ])
      .describe("a catalogue");
    expect(undescribedPaths(json(schema))).toEqual(["action=quote.teamSize", "action=quote.people[].name"]);
  });

  it("accepts a description given before .optional()", () => {
    const schema = z.object({ region: z.string().describe("the region").optional() }).describe("scope");
    expect(undescribedPaths(json(schema))).toEqual([]);
  });
});
