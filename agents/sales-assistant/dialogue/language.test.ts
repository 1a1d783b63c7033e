import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { detectLanguage, hasNotice, languageName, languageNotice } from "./language.js";

/** Every English prospect message in the routing set, the knowledge questions and the conversation scenarios. */
function englishMessages(): string[] {
  const lines = (file: string) => fs.readFileSync(new URL(file, import.meta.url), "utf8").split("\n").filter(Boolean);
  const routing = lines("../../../evals/datasets/routing-heldout.jsonl").map((l) => JSON.parse(l) as { text: string; role: string });
  const examples = lines("../../routing/examples.jsonl").map((l) => JSON.parse(l) as { text: string; role?: string });
  const kb = lines("../../../evals/datasets/kb-questions.jsonl").map((l) => (JSON.parse(l) as { question: string }).question);
  const scenarios = fs
    .readFileSync(new URL("../../../evals/datasets/conversations.yaml", import.meta.url), "utf8")
    .split("\n")
    .map((l) => /^\s*- user: "(.*)"\s*$/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined);
  return [...routing.map((r) => r.text), ...examples.map((e) => e.text), ...kb, ...scenarios];
}

describe("detectLanguage", () => {
  it.each([
    ["Hola, ¿cuánto cuesta el plan Pro para diez usuarios?", "es"],
    ["Bonjour, je voudrais réserver une démonstration", "fr"],
    ["Kann ich eine Demo buchen? Wir sind ein Team von 40 Leuten.", "de"],
    ["Quanto custa o plano para a nossa equipe?", "pt"],
    ["Quanto costa il piano base per il nostro team?", "it"],
    ["Hoeveel kost het abonnement per maand?", "nl"],
    ["Ile to kosztuje dla naszego zespołu?", "pl"],
    ["Сколько это стоит?", "ru"],
    ["料金はいくらですか？", "ja"],
    ["价格是多少？", "zh"],
    ["가격이 얼마예요?", "ko"],
  ])("reads %j as %s", async (text, code) => {
    expect(await detectLanguage(text)).toBe(code);
  });

  it.each(["ok", "2", "yes please", "thanks!", "Dana Whitfield", "Jean-Pierre Dubois", "dana@northwind.com", "Tuesday at 2pm", "Ja bitte", "Gracias", "Acme GmbH", "Berlin", "STOP", "+49 30 1234567", "Mañana a las 3"])(
    "does not judge the short %j",
    async (text) => {
      expect(await detectLanguage(text)).toBeUndefined();
    },
  );

  it("never takes an English message of the evaluation sets for another language", async () => {
    const texts = englishMessages();
    expect(texts.length).toBeGreaterThan(500);
    const misread: string[] = [];
    for (const text of texts) {
      const code = await detectLanguage(text);
      if (code !== undefined && code !== "en") misread.push(`${code}: ${text}`);
    }
    expect(misread).toEqual([]);
  });
});

describe("languageNotice", () => {
  it("says in the prospect's language that answers come in English, with the English sentence after it", () => {
    const de = languageNotice("de");
    expect(de).toMatch(/^Leider kann ich nur auf Englisch antworten/);
    expect(de).toMatch(/person/);
    expect(de).toMatch(/I can only answer in English/);
    expect(languageNotice("de", { short: true })).not.toMatch(/English/);
  });

  it("has a notice for a dozen common languages and an English one for the rest", () => {
    for (const code of ["es", "fr", "de", "pt", "it", "nl", "pl", "ru", "tr", "zh", "ja", "ko"]) expect(hasNotice(code), code).toBe(true);
    expect(hasNotice("fi")).toBe(false);
    expect(languageNotice("fi")).toMatch(/^It looks like you wrote in a language other than English/);
    expect(hasNotice("default")).toBe(false);
  });

  it("names a language in English for a prompt", () => {
    expect(languageName("de")).toBe("German");
    expect(languageName("ja")).toBe("Japanese");
  });
});
