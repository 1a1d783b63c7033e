import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import type { LlmProvider } from "../../../src/llm/provider.js";
import { oneMessageState } from "../../../tests/helpers/graph-state.js";
import { afterLanguage, createDetectLanguageNode } from "./detect-language.js";

const local = createDetectLanguageNode({ llm: { kind: "local" } as LlmProvider, logger: silentLogger() });
const openai = createDetectLanguageNode({ llm: { kind: "openai" } as LlmProvider, logger: silentLogger() });

describe("detect_language", () => {
  it("answers a Spanish question with the notice in Spanish instead of an English answer (local mode)", async () => {
    const state = oneMessageState("¿Cuánto cuesta el plan para un equipo de diez personas?", { channel: "web" });
    const out = await local(state);
    expect(out.language).toBe("es");
    expect(out.reply).toMatch(/^Lo siento, solo puedo responder en inglés/);
    expect(out.intent).toBe("smalltalk");
    expect(afterLanguage({ ...state, ...out } as never)).toBe("finish_turn");
  });

  it("keeps an SMS notice to the one sentence in the prospect's language", async () => {
    const out = await local(oneMessageState("Bonjour, je voudrais savoir combien coûte votre produit", { channel: "sms" }));
    expect(out.reply).toMatch(/^Désolé/);
    expect(out.reply).not.toMatch(/English/);
  });

  it("only records the language in LLM mode, so the agent can reply in it", async () => {
    const state = oneMessageState("Wie viel kostet das für ein Team von zehn Leuten?");
    const out = await openai(state);
    expect(out).toEqual({ reply: "", language: "de" });
    expect(afterLanguage({ ...state, ...out } as never)).toBe("understand");
  });

  it("goes on for English, short messages and internal users", async () => {
    expect(await local(oneMessageState("How much does the Pro plan cost?"))).toEqual({ reply: "", language: "en" });
    expect(await local(oneMessageState("ok"))).toEqual({ reply: "" });
    expect(await local(oneMessageState("Wie viel kostet das für ein Team von zehn Leuten?", { role: "rep" }))).toEqual({ reply: "" });
  });
});
