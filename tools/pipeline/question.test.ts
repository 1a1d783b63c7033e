import { describe, expect, it } from "vitest";
import { parsePipelineQuestion } from "./question.js";

describe("pipeline questions", () => {
  it("recognises the shapes reps and managers ask in", () => {
    expect(parsePipelineQuestion("which deals will slip this month?")).toEqual({ kind: "slipping", period: "this month" });
    expect(parsePipelineQuestion("what's going to get pushed out next quarter")).toEqual({ kind: "slipping", period: "next quarter" });
    expect(parsePipelineQuestion("forecast for EMEA this quarter")).toEqual({ kind: "forecast", period: "this quarter" });
    expect(parsePipelineQuestion("how much will we close in Q1 2027?")).toEqual({ kind: "forecast", period: "2027-Q1" });
    expect(parsePipelineQuestion("which deals are stalled?")).toEqual({ kind: "at_risk", period: "this quarter" });
    expect(parsePipelineQuestion("how's the pipeline looking?")).toEqual({ kind: "overview", period: "this quarter" });
  });

  it("defaults slipping to this month and the rest to this quarter", () => {
    expect(parsePipelineQuestion("anything slipping?").period).toBe("this month");
    expect(parsePipelineQuestion("give me the forecast").period).toBe("this quarter");
  });
});
