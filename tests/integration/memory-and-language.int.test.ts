import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../src/app/container.js";
import type { Actor, Channel } from "../../src/core/domain.js";
import type { TestDatabase } from "../helpers/databases.js";
import { startDemoContainer, type DemoContainer } from "../helpers/demo-container.js";

const NOW = "2026-11-30T14:00:00Z";

describe("memory across conversations, long threads and languages (PGlite, local mode)", () => {
  let db: TestDatabase;
  let container: Container;
  let demo: DemoContainer;

  beforeAll(async () => {
    demo = await startDemoContainer("pglite", { now: NOW });
    ({ db, container } = demo);
  });

  afterAll(async () => {
    await demo?.close();
  });

  const say = async (channel: Channel, conversationId: string, actor: Actor, text: string) => {
    const [out] = await container.handler({ channel, conversationId, actor, text });
    return { text: out?.text ?? "", intent: out?.intent };
  };

  it("uses a rep's region and accounts, told once on Slack, in a later conversation on Teams-like CLI", async () => {
    const rep: Actor = { id: "slack:T1:U42", role: "rep", tenant: "demo" };
    const { rows } = await db.pool.query<{ account: string }>(
      `select a.name as account from deals d join accounts a on a.id = d.account_id
        where d.stage not in ('won','lost') group by a.name order by sum(d.amount) desc limit 1`,
    );
    const account = rows[0]!.account;

    const region = await say("slack", "dm-1", rep, "my region is EMEA");
    expect(region).toEqual({ text: expect.stringMatching(/^Noted — I'll use EMEA as your region\./), intent: "smalltalk" });
    const owns = await say("slack", "dm-1", rep, `I own the ${account} account`);
    expect(owns.text).toContain(`I'll remember you own ${account}`);

    const pipeline = await say("slack", "dm-2", rep, "How's my pipeline looking this quarter?");
    expect(pipeline.intent).toBe("pipeline_review");
    expect(pipeline.text).toMatch(/EMEA/);
    const whole = await say("slack", "dm-2", rep, "How's the whole team's pipeline this quarter?");
    expect(whole.text).not.toMatch(/EMEA/);

    const accounts = await say("slack", "dm-3", rep, "how are my accounts doing?");
    expect(accounts.intent).toBe("deal_insight");
    expect(accounts.text).toContain(account);

    const other: Actor = { id: "slack:T1:U43", role: "rep", tenant: "demo" };
    expect((await say("slack", "dm-4", other, "how are my accounts doing?")).text).toMatch(/don't know which accounts are yours/);
  });

  it("tells a prospect who writes in Spanish, in Spanish, that answers come in English, and offers a person", async () => {
    const prospect: Actor = { id: "visitor-es", role: "prospect", tenant: "demo" };
    const out = await say("web", "visitor-es", prospect, "Hola, ¿cuánto cuesta el plan para un equipo de veinte personas?");
    expect(out.text).toMatch(/^Lo siento, solo puedo responder en inglés/);
    expect(out.text).toMatch(/person/);
    expect(out.text).not.toMatch(/\$\d/);
    const state = await container.graph.getState({ configurable: { thread_id: "web:visitor-es" } });
    expect(state.values.language).toBe("es");

    const person = await say("web", "visitor-es", prospect, "person");
    expect(person.intent).toBe("human_handoff");
    const english = await say("web", "visitor-en", { ...prospect, id: "visitor-en" }, "ok");
    expect(english.text).not.toMatch(/inglés|English only|only answer in English/);
  });

  it("keeps a 200-turn SMS thread bounded in its checkpoint", async () => {
    const phone = "+14155550123";
    const actor: Actor = { id: phone, role: "prospect", tenant: "demo" };
    const texts = ["hi", "thanks", "ok great", "cool, thanks", "hello again"];
    /** Bytes of the latest checkpoint's values, sampled every 20 turns; `samePhase` at turns 60, 120, 180, when the window holds the same mix of messages. */
    const sizes: number[] = [];
    const samePhase: number[] = [];
    for (let i = 1; i <= 200; i++) {
      // mostly smalltalk (a turn is cheap); a knowledge question now and then brings tool results
      await say("sms", phone, actor, i % 20 === 0 ? "Is there a free trial?" : texts[i % texts.length]!);
      if (i % 20 !== 0) continue;
      const state = await container.graph.getState({ configurable: { thread_id: `sms:${phone}` } });
      expect(state.values.messages.length).toBeLessThanOrEqual(32);
      expect(JSON.stringify(state.values.toolResults)).not.toMatch(/"output"/);
      const bytes = Buffer.byteLength(JSON.stringify(state.values));
      sizes.push(bytes);
      if (i % 60 === 0) samePhase.push(bytes);
    }
    const state = await container.graph.getState({ configurable: { thread_id: `sms:${phone}` } });
    expect(state.values.trimmedHistory.messages).toBeGreaterThan(350);
    expect(state.values.trimmedHistory.summary).toMatch(/^Earlier in this conversation \d+ messages were trimmed/);
    for (const bytes of samePhase) expect(Math.abs(bytes - samePhase[0]!) / samePhase[0]!).toBeLessThan(0.1);
    expect(Math.max(...sizes.slice(2)) / Math.min(...sizes.slice(2))).toBeLessThan(1.5);
  }, 300_000);
});
