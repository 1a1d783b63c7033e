import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlaybooks, PlaybookConfigError } from "./config.js";
import { evaluateCriteria, quietUntil, triggers } from "./evaluate.js";
import { dryRun } from "./runner.js";
import { parseEventStream } from "./stream.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const { config } = parsePlaybooks(fs.readFileSync(path.join(FIXTURES, "playbooks.yaml"), "utf8"));
const events = parseEventStream(fs.readFileSync(path.join(FIXTURES, "stream.jsonl"), "utf8"));

/** What the recorded stream must fire (event → playbook); everything else is held back. */
const EXPECTED_FIRINGS: [string, string][] = JSON.parse(fs.readFileSync(path.join(FIXTURES, "expected-firings.json"), "utf8"));

describe("playbook configuration", () => {
  it("validates with zod and names the first problem with its path", () => {
    expect(config.playbooks.map((p) => `${p.id}@${p.version}`)).toContain("hot-form@3");
    expect(() => parsePlaybooks("playbooks:\n  - id: Bad Id\n    version: 1\n    trigger: { event: x }\n    actions: [{ type: notify_rep, message: hi }]")).toThrow(/playbooks\.0\.id/);
    expect(() => parsePlaybooks("playbooks:\n  - id: a\n    version: 1\n    trigger: { event: x }\n    actions: [{ type: launch_rocket }]")).toThrow(PlaybookConfigError);
    expect(() =>
      parsePlaybooks("playbooks:\n  - id: a\n    version: 1\n    trigger: { event: x }\n    criteria: { quietHours: { start: '25:00', end: '08:00' } }\n    actions: [{ type: notify_rep, message: hi }]"),
    ).toThrow(/HH:MM/);
    expect(() => parsePlaybooks("playbooks:\n  - { id: a, version: 1, trigger: { event: x }, actions: [{ type: notify_rep, message: hi }] }\n  - { id: a, version: 2, trigger: { event: y }, actions: [{ type: notify_rep, message: hi }] }")).toThrow(/duplicate/);
  });
});

describe("criteria", () => {
  const webinar = config.playbooks.find((p) => p.id === "webinar-follow-up")!;
  const event = events.find((e) => e.id === "ev-03")!;

  it("matches triggers on the event type and its filters", () => {
    expect(triggers(config.playbooks.find((p) => p.id === "pricing-interest")!, events.find((e) => e.id === "ev-05")!)).toBe(true);
    expect(triggers(config.playbooks.find((p) => p.id === "pricing-interest")!, events.find((e) => e.id === "ev-10")!)).toBe(false);
  });

  it("holds back sends without consent and past the frequency cap, and defers them in quiet hours", () => {
    expect(evaluateCriteria(webinar, event, { consentWithdrawn: true, recentFirings: 0 })).toEqual({ fire: false, reason: "contact withdrew consent" });
    expect(evaluateCriteria(webinar, event, { consentWithdrawn: false, recentFirings: 1 })).toMatchObject({ fire: false, reason: expect.stringMatching(/frequency cap/) });
    const late = { ...event, occurredAt: new Date("2026-11-05T23:30:00Z") };
    expect(evaluateCriteria(webinar, late, { consentWithdrawn: false, recentFirings: 0 })).toEqual({ fire: true, deferUntil: new Date("2026-11-06T08:00:00Z") });
  });

  it("computes the end of quiet hours across midnight and in the contact's zone", () => {
    expect(quietUntil(new Date("2026-11-05T06:00:00Z"), { start: "21:00", end: "08:00", timeZone: "UTC" })).toEqual(new Date("2026-11-05T08:00:00Z"));
    expect(quietUntil(new Date("2026-11-05T12:00:00Z"), { start: "21:00", end: "08:00", timeZone: "UTC" })).toBeUndefined();
    // 22:00 in New York (UTC−5 in November) is quiet until 08:00 there, 13:00 UTC
    expect(quietUntil(new Date("2026-11-06T03:00:00Z"), { start: "21:00", end: "08:00", timeZone: "America/New_York" })).toEqual(new Date("2026-11-06T13:00:00Z"));
  });
});

describe("dry run on the recorded stream", () => {
  it("shows exactly the expected firings, once each, with the reasons others are held back", async () => {
    const lines = await dryRun(config, events, { consentWithdrawn: async (id) => id === "pb-c4" });
    const fired = lines.filter((l) => l.decision === "would fire").map((l) => [l.eventId, l.playbookId]);
    expect(fired).toEqual(EXPECTED_FIRINGS.map((x) => [...x]));
    const held = Object.fromEntries(lines.filter((l) => l.decision !== "would fire").map((l) => [l.eventId, l.reason]));
    expect(held["ev-02"]).toMatch(/threshold data.leadScore/);
    expect(held["ev-04"]).toMatch(/frequency cap/);
    expect(held["ev-08"]).toMatch(/consent/);
    expect(lines.find((l) => l.eventId === "ev-09")!.reason).toMatch(/deferred to 2026-11-06T08:00/);
  });
});
