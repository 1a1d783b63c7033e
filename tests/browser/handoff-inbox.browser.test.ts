import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventually, inboxEnv, postSlack, slackThreadReply } from "../helpers/handoff-wire.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const suite = haveChromium
  ? "human inbox in the web chat widget (headless Chromium)"
  : `human inbox in the web chat widget — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`;

describe.skipIf(!haveChromium)(suite, () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    slack = await startFakeSlackApi();
    app = await startTestApp(db, inboxEnv({ slackApiUrl: slack.apiUrl }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: "en-US", timezoneId: "UTC" });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  const input = () => page.getByRole("textbox", { name: "Message" });

  it("shows a reply typed in the Slack hand-off thread in the visitor's open widget, labelled with who wrote it", async () => {
    await page.goto(app.url);
    await page.getByRole("button", { name: "Chat with Helix", exact: true }).click();
    await input().fill("Can I talk to a real person please?");
    await input().press("Enter");
    await expect.poll(() => page.locator(".msg.assistant:not(.streaming) .text").last().innerText(), { timeout: 15_000 }).toMatch(/HO-[0-9A-F]{6}/);

    const conversationId = await page.evaluate(() => Object.entries((globalThis as any).localStorage as Record<string, string>).find(([k]) => k.startsWith("salesgraph:conversation:"))?.[1]);
    const thread = await eventually(async () => {
      const list = await app.get("/api/handoffs", { authorization: "Bearer operator-secret" });
      return (list.body.handoffs as any[]).find((h) => h.conversationId === conversationId)?.slackThread;
    }, "the hand-off's Slack thread");

    // A rep answers in the thread: Slack delivers a signed message event to /slack/events.
    expect(await postSlack(app.url, slackThreadReply(thread, "Hi! I'm from the sales team — happy to help."))).toBe(200);
    const reply = page.locator(".msg.agent").last();
    await expect.poll(() => reply.locator(".text").innerText().catch(() => ""), { timeout: 15_000 }).toBe("Hi! I'm from the sales team — happy to help.");
    await expect.poll(() => reply.locator("time").innerText()).toMatch(/^Helix Data team · /);
    await expect.poll(() => page.locator(".subtitle").innerText()).toBe("You're chatting with Helix Data team");

    // The assistant stays silent while the person holds the conversation: no new bubble, the text goes to Slack.
    const assistantBubbles = await page.locator(".msg.assistant").count();
    await input().fill("Thanks, we have 40 analysts");
    await input().press("Enter");
    await eventually(
      async () => slack.callsTo("chat.postMessage").find((c) => c.body.thread_ts === thread.ts && c.body.text.includes("40 analysts")),
      "the visitor's message relayed to the thread",
    );
    await expect.poll(() => page.locator(".msg.user .text").last().innerText()).toBe("Thanks, we have 40 analysts");
    expect(await page.locator(".msg.assistant").count()).toBe(assistantBubbles);

    // After a reload the person's message comes back from the log, still labelled.
    await page.reload();
    await expect.poll(() => page.locator(".msg.agent time").allInnerTexts()).toEqual([expect.stringMatching(/^Helix Data team · /)]);
  });
});
