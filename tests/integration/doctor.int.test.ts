import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { runCli } from "../helpers/cli.js";

describe("salesgraph doctor", () => {
  let slack: FakeSlackApi;
  let dataDir: string;
  beforeAll(async () => {
    slack = await startFakeSlackApi();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-doctor-"));
    expect((await runCli(["migrate"], { env: { SALESGRAPH_DATA_DIR: dataDir } })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await slack?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (token: string) => ({ SALESGRAPH_DATA_DIR: dataDir, SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: token, SLACK_API_URL: slack.apiUrl, JOBS_ENABLED: "false" });

  it("reports a revoked Slack token from the Slack API with the fix, and exits 1", async () => {
    slack.revokeToken("xoxb-revoked-token");
    const result = await runCli(["doctor"], { env: env("xoxb-revoked-token") });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL slack: auth.test refused SLACK_BOT_TOKEN: invalid_auth");
    expect(result.stdout).toMatch(/fix: Reinstall the app .* set SLACK_BOT_TOKEN to the new Bot User OAuth Token/);
    expect(result.stdout).toMatch(/ok {3}migrations: \d+ applied/);
    expect(slack.callsTo("auth.test").at(-1)?.token).toBe("xoxb-revoked-token");
  }, 120_000);

  it("passes with a working token (warnings only for untrained models and an empty index) and exits 0", async () => {
    const result = await runCli(["doctor"], { env: env("xoxb-good-token") });
    expect(result.stdout).toContain("ok   slack: auth.test: bot UBOT0001 in workspace T0000001");
    expect(result.stdout).toContain("WARN knowledge index");
    expect(result.code).toBe(0);
  }, 120_000);

  it("stops at a malformed Twilio account SID with a one-line reason", async () => {
    const result = await runCli(["doctor"], { env: { SALESGRAPH_DATA_DIR: dataDir, TWILIO_ACCOUNT_SID: "AC123" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL config: TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits");
  }, 120_000);
});
