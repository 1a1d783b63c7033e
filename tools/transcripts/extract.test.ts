import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeTranscript } from "./analyze.js";
import { objectionTypeOf } from "./extract.js";
import { parseTranscript } from "./parse.js";
import { identifyRep, UnknownRepError } from "./sides.js";
import { normalizeForMatch } from "./words.js";

const CALL = fs.readFileSync(path.join(import.meta.dirname, "fixtures/discovery-call.txt"), "utf8");

describe("who is the rep", () => {
  const turns = parseTranscript(CALL).turns;
  it("takes --rep first, then configuration, CRM users, labels, an introduction, and guesses last", () => {
    expect(identifyRep(turns, { explicit: ["dana"] })).toMatchObject({ method: "explicit", repSpeakers: ["Dana Kim"] });
    expect(identifyRep(turns, { configured: ["sam.rivera@helix.example"] })).toMatchObject({ method: "configured", repSpeakers: ["Sam Rivera"] });
    expect(identifyRep(turns, { crmUsers: ["Sam Rivera", "Ann Other"] })).toMatchObject({ method: "crm", repSpeakers: ["Sam Rivera"] });
    expect(identifyRep(turns, { company: "Helix Data" })).toMatchObject({ method: "introduction", repSpeakers: ["Sam Rivera"] });
    expect(identifyRep(turns)).toMatchObject({ method: "heuristic", repSpeakers: ["Sam Rivera"] });
    expect(identifyRep(parseTranscript("Customer: hi?\nSalesperson: hello").turns)).toMatchObject({ method: "label", repSpeakers: ["Salesperson"] });
  });
  it("refuses a --rep that names nobody in the call", () => {
    expect(() => identifyRep(turns, { explicit: ["Zed"] })).toThrow(UnknownRepError);
  });
});

describe("objection types", () => {
  it.each([
    ["Honestly it is too expensive for us.", "price"],
    ["We are already using Gong for this.", "competitor"],
    ["Now is not the right time, maybe next quarter.", "timing"],
    ["I need to run this by my boss first.", "authority"],
    ["We're worried about GDPR compliance.", "security"],
    ["Our current process works fine for us.", "status_quo"],
    ["Is it secure?", undefined],
    ["We'd love to see a demo.", undefined],
  ])("%j → %s", (sentence, type) => expect(objectionTypeOf(sentence)).toBe(type));
});

describe("a discovery call, analysed locally", async () => {
  const a = await analyzeTranscript(parseTranscript(CALL), { rep: { explicit: ["Sam Rivera"] }, company: "Helix Data" });

  it("finds objections by type, each quoting the transcript and saying whether the rep answered", () => {
    expect(a.objections.map((o) => [o.type, o.answered])).toEqual([
      ["price", true],
      ["competitor", true],
      ["security", true],
      ["authority", true],
    ]);
    const haystack = normalizeForMatch(CALL);
    for (const item of [...a.objections, ...a.pain_points, ...a.next_steps, ...a.budget, ...a.timeline]) {
      expect(haystack).toContain(normalizeForMatch(item.quote));
    }
  });

  it("finds pains, competitor, budget, timeline and the decision maker", () => {
    expect(a.pain_points.length).toBeGreaterThanOrEqual(2);
    expect(a.competitors.map((c) => c.name)).toEqual(["Tableau"]);
    expect(a.budget[0]!.quote).toContain("$40k");
    expect(a.timeline[0]!.quote).toContain("Q3");
    expect(a.decision_makers.map((d) => d.who)).toContain("our CFO Maria Lopez");
  });

  it("finds next steps with owner and date", () => {
    expect(a.next_steps).toContainEqual(expect.objectContaining({ owner: "rep", due: "by Friday", action: "send the ROI summary and the SOC 2 report by Friday" }));
    expect(a.next_steps).toContainEqual(expect.objectContaining({ owner: "customer", owner_name: "Dana Kim" }));
  });

  it("coaches nothing a good call does not deserve, and drafts a follow-up citing the steps", () => {
    expect(a.coaching).toEqual([]);
    expect(a.outlook.label).toBe("high");
    expect(a.outlook.signals.map((s) => s.signal)).toContain("dated next step agreed");
    expect(a.follow_up_email.body).toContain("Hi Dana,");
    expect(a.follow_up_email.body).toContain("send the ROI summary and the SOC 2 report by Friday");
  });
});

describe("coaching tied to evidence", () => {
  it("flags talk share, no discovery questions, a long monologue, an open objection and no next step", async () => {
    const pitch = Array.from({ length: 320 }, (_, i) => `word${i}`).join(" ");
    const text = `Rep: Hello. Do you have a minute? ${pitch}.\nCustomer: Hmm, it sounds too expensive for us.\nRep: Okay. Anyway, bye.\nCustomer: Bye.`;
    const a = await analyzeTranscript(parseTranscript(text), { rep: { explicit: ["Rep"] } });
    const rules = a.coaching.map((c) => c.rule);
    expect(rules).toEqual(["talk_share_high", "no_discovery_questions", "long_monologue", "objection_unanswered", "no_next_step"]);
    expect(a.coaching.find((c) => c.rule === "objection_unanswered")!.evidence.quote).toBe("Hmm, it sounds too expensive for us.");
    expect(a.coaching.find((c) => c.rule === "talk_share_high")!.evidence.figure).toMatch(/^rep talk share 9\d% > 65%$/);
    expect(a.outlook.label).toBe("low");
  });
});
