import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createIntentRouter } from "../../agents/routing/intent-router.js";
import { trainRouterModel } from "../../agents/routing/router-model.js";
import { trainRouterFile } from "../../agents/routing/trained-router.js";
import { trainedRouterFor } from "../../src/app/router-wiring.js";
import { loadConfig, parseRepOwners } from "../../src/core/config.js";
import { ConfigError } from "../../src/core/errors.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-router-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lines = (label: string, texts: string[]) => texts.flatMap((t) => [t, `${t} please`, `hey ${t}`].map((text) => ({ text, label })));
const OWN = [
  ...lines("pricing", ["zorblax tariff sheet", "what does the zorblax plan cost", "zorblax fee table"]),
  ...lines("demo_request", ["book a quuxo walkthrough", "schedule the quuxo tour", "quuxo session next week"]),
  ...lines("oos", ["what is the weather", "tell me a joke", "who won the match"]),
];
const noModels = { latest: async () => undefined };

describe("a trained router in serve and chat", () => {
  it("ROUTER_MODEL loads a model whose labels are graph intents; the router uses it and falls back on oos", async () => {
    const file = path.join(tmp, "own.json");
    fs.writeFileSync(file, JSON.stringify(trainRouterFile(OWN)));
    const config = loadConfig({ ROUTER_MODEL: file });
    const trained = await trainedRouterFor(config, noModels);
    expect(trained?.labels).toEqual(["demo_request", "oos", "pricing"]);
    const router = createIntentRouter({ classifier: trainRouterModel(), trained });
    expect((await router.route({ text: "the zorblax fee table", channel: "slack", role: "rep" })).intent).toBe("pricing");
    expect((await router.route({ text: "quuxo session", channel: "web", role: "prospect" })).intent).toBe("demo_request");
  });

  it("refuses, naming ROUTER_MODEL, a model with labels the assistant does not have", async () => {
    const file = path.join(tmp, "banking.json");
    fs.writeFileSync(file, JSON.stringify(trainRouterFile([...lines("card_lost", ["lost card", "card stolen"]), ...lines("top_up", ["top up", "add money"])])));
    await expect(trainedRouterFor(loadConfig({ ROUTER_MODEL: file }), noModels)).rejects.toThrow(/ROUTER_MODEL .*labels card_lost, top_up are not intents/);
    await expect(trainedRouterFor(loadConfig({ ROUTER_MODEL: path.join(tmp, "none.json") }), noModels)).rejects.toThrow(ConfigError);
  });

  it("uses the promoted router model of the models table when ROUTER_MODEL is unset", async () => {
    const artefact = trainRouterFile(OWN);
    const trained = await trainedRouterFor(loadConfig({}), { latest: async () => ({ id: "router-x", kind: "router", artefact, metrics: {}, trainedAt: new Date() }) });
    expect(trained?.route("zorblax tariff sheet").intent).toBe("pricing");
    expect(await trainedRouterFor(loadConfig({}), noModels)).toBeUndefined();
  });

  it("REP_OWNERS maps channel users to CRM sales agents and names a malformed pair", () => {
    expect(parseRepOwners("slack:U0123=Anna Snelling, teams:29:1a2b=Boris Faz")).toEqual({ "slack:U0123": "Anna Snelling", "teams:29:1a2b": "Boris Faz" });
    expect(() => parseRepOwners("U0123=Anna")).toThrow(/REP_OWNERS: "U0123=Anna"/);
  });
});
