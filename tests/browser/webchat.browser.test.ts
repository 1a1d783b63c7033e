import { existsSync, mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebChatStreamRoutes } from "../../channels/web/sse-routes.js";
import { createWebStaticRoutes } from "../../channels/web/static-routes.js";
import { createChatRoutes } from "../../src/app/chat-routes.js";
import { createContainer, type Container } from "../../src/app/container.js";
import { errorHandler } from "../../src/app/http-errors.js";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = path.resolve("scratch/widget.png");
const haveChromium = existsSync(CHROMIUM);
const suite = haveChromium
  ? "web chat widget in headless Chromium"
  : `web chat widget in headless Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`;

describe.skipIf(!haveChromium)(suite, () => {
  let db: TestDatabase;
  let container: Container;
  let server: http.Server;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    container = await createContainer(loadConfig({ LOG_LEVEL: "silent" }), { db, logger: silentLogger() });
    const { config, handler, repos } = container;
    const app = express();
    app.use(createWebStaticRoutes());
    app.use(
      createWebChatStreamRoutes({
        handler,
        conversationExists: async (id) => (await repos.conversations.find("web", id)) !== undefined,
        tenant: config.tenant,
        logger: container.logger,
        bodyLimitBytes: config.server.bodyLimitBytes,
      }),
    );
    app.use(createChatRoutes({ handler, conversations: repos.conversations, config }));
    app.use(errorHandler(container.logger));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: "en-US", timezoneId: "UTC" });
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await container?.close();
    await db?.dispose();
  });

  const launcher = () => page.getByRole("button", { name: "Chat with Helix", exact: true });
  const log = () => page.getByRole("log", { name: "Conversation" });
  const input = () => page.getByRole("textbox", { name: "Message" });
  // The focused element inside the widget's shadow root, as "TAG.class".
  const focused = () =>
    page.evaluate(() => {
      const active = (globalThis as any).document.getElementById("salesgraph-chat").shadowRoot.activeElement;
      return active ? `${active.tagName}.${active.className}` : "";
    });

  it("opens from the launcher, streams an answer, and keeps the conversation across a reload", async () => {
    await page.goto(url);
    await expect(page.title()).resolves.toContain("Helix Data");

    await launcher().click();
    await expect.poll(() => launcher().getAttribute("aria-expanded")).toBe("true");
    await expect.poll(focused).toBe("TEXTAREA.");
    await expect.poll(() => log().textContent()).toContain("Hi!");

    const streamed = page.waitForResponse((res) => res.url().endsWith("/api/chat/stream"));
    await input().fill("How much does Helix Pro cost?");
    await input().press("Enter");

    const response = await streamed;
    expect(response.headers()["content-type"]).toBe("text/event-stream; charset=utf-8");
    const events = await response.text();
    const final = JSON.parse(/^event: message\ndata: (.*)$/m.exec(events)![1]!) as { text: string; intent: string };
    expect(final.text.length).toBeGreaterThan(10);
    // Local mode has no model tokens: the answer streams as it is, all of it before the message event.
    const deltas = [...events.matchAll(/^event: delta\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as { text: string }).text);
    expect(deltas.join("")).toBe(final.text);

    const answer = page.locator(".msg.assistant:not(.streaming) .text").last();
    await expect.poll(() => answer.innerText()).toContain(final.text.split("\n")[0]!.replace(/\*\*/g, "").slice(0, 30));
    await expect.poll(() => page.locator(".msg.user .text").last().innerText()).toContain("How much does Helix Pro cost?");
    const conversationId = await page.evaluate(() => Object.entries((globalThis as any).localStorage as Record<string, string>).find(([k]) => k.startsWith("salesgraph:conversation:"))?.[1]);
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    // The panel re-opens by itself (same tab) and the history comes back from GET /api/chat/:id.
    await expect.poll(() => launcher().getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => page.locator(".msg.user .text").allInnerTexts()).toEqual(["How much does Helix Pro cost?"]);
    await expect.poll(() => page.locator(".msg.assistant .text").count()).toBe(2);
    await expect.poll(() => page.locator(".msg time").first().getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, animations: "disabled" });
  });

  it("closes with Escape and gives focus back to the launcher", async () => {
    await input().focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => launcher().getAttribute("aria-expanded")).toBe("false");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await expect.poll(focused).toBe("BUTTON.launcher");
  });

  it("shows status lines while the answer is prepared, and the checked answer when streamed words are replaced", async () => {
    const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    await page.route("**/api/chat/stream", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/event-stream; charset=utf-8",
        body:
          sse("conversation", { conversationId: "00000000-0000-4000-8000-000000000001" }) +
          sse("typing", {}) +
          sse("status", { text: "Looking up the price list…" }) +
          sse("delta", { text: "Helix Pro costs" }) +
          sse("delta", { text: " $1 a year." }) +
          sse("replace", { text: "Helix Pro costs $36,000 a year." }) +
          sse("message", { conversationId: "00000000-0000-4000-8000-000000000001", text: "Helix Pro costs $36,000 a year.", intent: "pricing" }) +
          sse("done", { conversationId: "00000000-0000-4000-8000-000000000001", intent: "pricing" }),
      }),
    );
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__statusLines = [];
      const shadow = g.document.getElementById("salesgraph-chat").shadowRoot;
      // All events arrive in one chunk, so the line is gone again before an observer runs: read the records.
      new g.MutationObserver((records: any[]) => {
        for (const r of records) for (const n of r.addedNodes) if (n.classList?.contains("progress")) g.__statusLines.push(n.textContent);
      }).observe(shadow, { childList: true, subtree: true });
    });
    if ((await launcher().getAttribute("aria-expanded")) !== "true") await launcher().click();
    await input().fill("What does Pro cost?");
    await input().press("Enter");
    const answer = page.locator(".msg.assistant:not(.streaming) .text").last();
    await expect.poll(() => answer.innerText()).toBe("Helix Pro costs $36,000 a year.");
    expect(await page.evaluate(() => (globalThis as any).__statusLines as string[])).toContain("Looking up the price list…");
    await expect.poll(() => page.locator(".progress").count()).toBe(0);
    await expect.poll(() => page.getByText("$1 a year").count()).toBe(0);
    await page.unroute("**/api/chat/stream");
    await page.keyboard.press("Escape");
  });

  it("tells the visitor when the assistant cannot be reached", async () => {
    await page.route("**/api/chat/stream", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: "internal", reason: "internal error" }) }),
    );
    await launcher().click();
    await input().fill("Are you there?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("internal error");
    await page.unroute("**/api/chat/stream");
  });
});
