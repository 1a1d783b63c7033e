import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envExample } from "../../src/app/env-example.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("deployment files", () => {
  it(".env.example is what the config schema generates (regenerate: npx tsx src/app/env-example.ts > .env.example)", () => {
    expect(fs.readFileSync(path.join(root, ".env.example"), "utf8")).toBe(envExample());
  });

  it("Slack and Teams manifests are valid JSON/YAML files naming our endpoints", () => {
    expect(fs.readFileSync(path.join(root, "deploy/slack-app-manifest.yaml"), "utf8")).toContain("/slack/events");
    const teams = JSON.parse(fs.readFileSync(path.join(root, "deploy/teams/manifest.json"), "utf8"));
    expect(teams.bots[0].botId).toBeTruthy();
  });

  it("the Grafana dashboard queries only series the app exports", () => {
    const dash = JSON.parse(fs.readFileSync(path.join(root, "deploy/grafana-dashboard.json"), "utf8"));
    const exprs: string[] = dash.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    expect(exprs.length).toBeGreaterThan(8);
    for (const e of exprs) expect(e).toMatch(/salesgraph_/);
  });
});
