import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryDeduper } from "../../channels/shared/dedupe.js";
import { createTeamsRoutes, TEAMS_TEXT, type TeamsRoutes, type TeamsRoutesDeps } from "../../channels/teams/teams-adapter.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../../channels/teams/render-card.js";
import type { Config } from "../../src/core/config.js";
import { ConfigError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage } from "../../src/core/ports.js";
import { errorHandler } from "../../src/app/http-errors.js";
import { foreignSigningKey, startFakeBotFramework, type FakeBotFramework } from "../fakes/bot-connector.js";

const APP_ID = "00000000-0000-4000-8000-0000000000b0";
const TENANT = "72f988bf-0000-4000-8000-00000000aaaa";
const OTHER_TENANT = "11111111-0000-4000-8000-00000000bbbb";
const REP = "aad-rep-0001";
const MANAGER = "aad-mgr-0001";
const STRANGER = "aad-stranger-0001";

type TeamsConfig = Config["teams"];

const baseConfig: TeamsConfig = {
  appId: undefined,
  appPassword: undefined,
  appType: "MultiTenant",
  tenantId: undefined,
  allowUnauthenticated: true,
  allowedTenants: [TENANT],
  reps: [REP],
  managers: [MANAGER],
};

interface Harness {
  url: string;
  routes: TeamsRoutes;
  received: InboundMessage[];
  reply: (m: InboundMessage) => Promise<OutboundMessage[]>;
  close(): Promise<void>;
}

let bf: FakeBotFramework;
let harness: Harness | undefined;
let sequence = 0;

beforeAll(async () => {
  bf = await startFakeBotFramework();
});
afterAll(async () => {
  await bf.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  bf.reset();
  vi.restoreAllMocks();
});

async function start(config: Partial<TeamsConfig> = {}, extra: Partial<TeamsRoutesDeps> = {}): Promise<Harness> {
  const received: InboundMessage[] = [];
  const h = { received } as Harness;
  h.reply = async (m) => [{ conversationId: m.conversationId, text: `echo: ${m.text}`, intent: "smalltalk" }];
  const routes = createTeamsRoutes({
    handler: async (m) => {
      received.push(m);
      return h.reply(m);
    },
    config: { ...baseConfig, ...config },
    tenant: "acme",
    logger: silentLogger(),
    openIdMetadataUrl: bf.openIdMetadataUrl,
    ...extra,
  });
  const app = express();
  app.use(routes.router);
  app.use(errorHandler(silentLogger()));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  h.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h.routes = routes;
  h.close = async () => {
    await routes.drain();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  harness = h;
  return h;
}

function activity(overrides: Record<string, unknown> = {}): Record<string, any> {
  sequence += 1;
  return {
    type: "message",
    id: `1700000000${String(sequence).padStart(3, "0")}`,
    channelId: "msteams",
    serviceUrl: bf.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: "en-US",
    from: { id: "29:rep-teams-id", name: "Rita Rep", aadObjectId: REP },
    recipient: { id: `28:${APP_ID}`, name: "Salesgraph" },
    conversation: { id: "a:1personal-rita", conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: "how is the Globex deal going?",
    ...overrides,
  };
}

async function post(h: Harness, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("Teams adapter, local development mode (no app id, explicit flag)", () => {
  it("answers a rep's message in the same conversation, as a reply to it", async () => {
    const h = await start();
    const sent = activity();
    expect((await post(h, sent)).status).toBe(200);

    expect(h.received).toEqual([
      expect.objectContaining({
        channel: "teams",
        conversationId: "a:1personal-rita",
        actor: { id: REP, role: "rep", tenant: "acme" },
        text: "how is the Globex deal going?",
        messageId: sent.id,
      }),
    ]);
    const [call] = await bf.waitFor(1);
    expect(call!.conversationId).toBe("a:1personal-rita");
    expect(call!.replyToId).toBe(sent.id);
    expect(call!.activity).toMatchObject({ type: "message", text: "echo: how is the Globex deal going?", replyToId: sent.id });
    expect(call!.activity.recipient).toMatchObject({ id: "29:rep-teams-id" });
  });

  it("sends insights as an Adaptive Card", async () => {
    const h = await start();
    h.reply = async (m) => [
      {
        conversationId: m.conversationId,
        text: "Pipeline for Q3 looks healthy.",
        intent: "pipeline_review",
        data: { kind: "pipeline", period: "Q3", totalAmount: 900000, weightedAmount: 410000, stages: [{ stage: "Proposal", count: 4, amount: 300000 }], atRisk: [] },
      },
    ];
    await post(h, activity({ text: "pipeline review", from: { id: "29:mgr", aadObjectId: MANAGER } }));

    const [call] = await bf.waitFor(1);
    expect(h.received[0]!.actor.role).toBe("manager");
    const attachment = call!.activity.attachments[0];
    expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(attachment.content).toMatchObject({ type: "AdaptiveCard", fallbackText: "Pipeline for Q3 looks healthy." });
    expect(attachment.content.body).toContainEqual({
      type: "FactSet",
      facts: [
        { title: "Total", value: "$900,000" },
        { title: "Weighted", value: "$410,000" },
      ],
    });
  });

  it("strips the bot's @mention in a channel and takes the tenant from channelData", async () => {
    const h = await start();
    await post(
      h,
      activity({
        text: "<at>Salesgraph</at> lead scores for Initech",
        conversation: { id: "19:sales@thread.tacv2;messageid=1700000000001", conversationType: "channel" },
        entities: [{ type: "mention", text: "<at>Salesgraph</at>", mentioned: { id: `28:${APP_ID}`, name: "Salesgraph" } }],
      }),
    );
    await bf.waitFor(1);
    expect(h.received[0]).toMatchObject({ text: "lead scores for Initech", conversationId: "19:sales@thread.tacv2;messageid=1700000000001" });
  });

  it("politely refuses an unlisted user or another tenant without calling the conversation", async () => {
    const h = await start();
    await post(h, activity({ from: { id: "29:x", aadObjectId: STRANGER } }));
    await post(h, activity({ conversation: { id: "a:1other", conversationType: "personal", tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }));
    await post(h, activity({ from: { id: "29:no-aad" } }));

    const calls = await bf.waitFor(3);
    expect(calls.map((c) => c.activity.text)).toEqual([TEAMS_TEXT.refused, TEAMS_TEXT.refused, TEAMS_TEXT.refused]);
    expect(h.received).toEqual([]);
    expect(await h.routes.references.find(STRANGER)).toBeUndefined();
  });

  it("apologises when the conversation fails, and ignores activities that are not messages", async () => {
    const h = await start();
    h.reply = async () => {
      throw new Error("graph exploded");
    };
    expect((await post(h, activity({ type: "conversationUpdate", membersAdded: [{ id: `28:${APP_ID}` }] }))).status).toBe(200);
    expect((await post(h, activity())).status).toBe(200);
    const calls = await bf.waitFor(1);
    expect(calls.map((c) => c.activity.text)).toEqual([TEAMS_TEXT.failed]);
  });

  it("runs a redelivered activity once", async () => {
    const h = await start({}, { deduper: createMemoryDeduper() });
    const sent = activity();
    await post(h, sent);
    await post(h, sent);
    expect(h.received).toHaveLength(1);
    expect(bf.calls).toHaveLength(1);
  });

  it("rejects a body that is not an activity", async () => {
    const h = await start();
    expect(await post(h, { hello: "world" })).toMatchObject({ status: 400, body: { error: "bad_input" } });
  });

  it("saves the conversation reference and sends a proactive notification through it", async () => {
    const h = await start();
    const first = activity();
    await post(h, first);
    await bf.waitFor(1);
    // A later message from a channel does not replace the personal chat as the place for notifications.
    await post(h, activity({ conversation: { id: "19:sales@thread.tacv2", conversationType: "channel", tenantId: TENANT } }));
    await bf.waitFor(2);

    const reference = await h.routes.references.find(REP);
    expect(reference).toMatchObject({ serviceUrl: bf.serviceUrl, conversation: { id: "a:1personal-rita" }, user: { aadObjectId: REP } });
    expect(await h.routes.notifier.notifyUser(REP, "Globex moved to Negotiation.")).toBe(true);
    expect(await h.routes.notifier.notifyUser(STRANGER, "nobody to tell")).toBe(false);

    const calls = await bf.waitFor(3);
    expect(calls[2]).toMatchObject({ conversationId: "a:1personal-rita", activity: { type: "message", text: "Globex moved to Negotiation." } });
    // botbuilder addresses it to its own continuation activity, not to anything the user said.
    expect(calls[2]!.replyToId).not.toBe(first.id);
  });
});

describe("Teams adapter with an app id (Bot Framework JWT required)", () => {
  const verified: Partial<TeamsConfig> = { appId: APP_ID, appPassword: "not-used-offline", allowUnauthenticated: false };

  function bearer(token: string) {
    return { authorization: `Bearer ${token}` };
  }

  it("rejects a request without a token with 401 and never calls the conversation", async () => {
    const h = await start(verified);
    const res = await post(h, activity());
    expect(res).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    expect(h.received).toEqual([]);
    expect(bf.calls).toEqual([]);
  });

  it("rejects a token signed by a key that is not the Bot Framework's", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder logs the failed verification
    const h = await start(verified);
    const sent = activity();
    const forgedSameKid = bf.signChannelToken({ aud: APP_ID, serviceurl: sent.serviceUrl }, { key: foreignSigningKey() });
    const forgedOwnKid = bf.signChannelToken({ aud: APP_ID, serviceurl: sent.serviceUrl }, { key: foreignSigningKey(), kid: "attacker-key" });

    expect((await post(h, sent, bearer(forgedSameKid))).status).toBe(401);
    expect((await post(h, sent, bearer(forgedOwnKid))).status).toBe(401);
    expect(h.received).toEqual([]);
    expect(bf.calls).toEqual([]);
  });

  it("accepts a valid Bot Framework token and rejects one for another bot, another serviceUrl or an expired one", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const h = await start(verified);
    h.reply = async () => []; // nothing to send: replies would need an Azure AD token for the bot, which needs the network
    const sent = activity();

    const otherBot = bf.signChannelToken({ aud: "another-bot-app-id", serviceurl: sent.serviceUrl });
    const otherServiceUrl = bf.signChannelToken({ aud: APP_ID, serviceurl: "https://smba.trafficmanager.net/evil/" });
    const expired = bf.signChannelToken({ aud: APP_ID, serviceurl: sent.serviceUrl, iat: Math.floor(Date.now() / 1000) - 7200, ttlSec: 600 });
    for (const token of [otherBot, otherServiceUrl, expired]) expect((await post(h, sent, bearer(token))).status).toBe(401);
    expect(h.received).toEqual([]);

    const valid = bf.signChannelToken({ aud: APP_ID, serviceurl: sent.serviceUrl });
    expect((await post(h, sent, bearer(valid))).status).toBe(200);
    expect(h.received).toEqual([expect.objectContaining({ actor: { id: REP, role: "rep", tenant: "acme" }, text: sent.text })]);
  });

  it("does not trust identities from channels other than Teams", async () => {
    const h = await start(verified);
    const sent = activity({ channelId: "webchat" });
    // The published key is endorsed for msteams only, so a webchat activity is refused at authentication.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await post(h, sent, bearer(bf.signChannelToken({ aud: APP_ID, serviceurl: sent.serviceUrl })))).status).toBe(401);
    expect(h.received).toEqual([]);
  });
});

describe("Teams configuration", () => {
  it("refuses to serve Teams with neither an app id nor the local-development flag", () => {
    expect(() =>
      createTeamsRoutes({ handler: async () => [], config: { ...baseConfig, allowUnauthenticated: false }, tenant: "acme", logger: silentLogger() }),
    ).toThrow(ConfigError);
  });

  it("names the missing setting of a single-tenant bot", () => {
    expect(() =>
      createTeamsRoutes({
        handler: async () => [],
        config: { ...baseConfig, appId: APP_ID, appPassword: "x", appType: "SingleTenant", allowUnauthenticated: false },
        tenant: "acme",
        logger: silentLogger(),
      }),
    ).toThrow(/MicrosoftAppTenantId/);
  });
});
