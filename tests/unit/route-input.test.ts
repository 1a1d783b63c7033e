import { describe, expect, it } from "vitest";
import { parseRouteLines } from "../../src/app/cli/route-input.js";
import { BadInputError } from "../../src/core/errors.js";

describe("parseRouteLines", () => {
  it("keeps each line as given and fills channel and role defaults", () => {
    const items = parseRouteLines('{"text":"hi","extra":1}\n\n{"text":"pipeline?","channel":"slack"}\n');
    expect(items).toEqual([
      { text: "hi", channel: "web", role: "prospect", raw: { text: "hi", extra: 1 } },
      { text: "pipeline?", channel: "slack", role: "rep", raw: { text: "pipeline?", channel: "slack" } },
    ]);
  });

  it("names the first bad line", () => {
    expect(() => parseRouteLines('{"text":"ok"}\nnot json')).toThrow(new BadInputError("line 2: not valid JSON"));
    expect(() => parseRouteLines('{"text":""}')).toThrow(/^line 1: text: /);
    expect(() => parseRouteLines('{"text":"x","role":"admin"}')).toThrow(/^line 1: role: /);
  });
});
