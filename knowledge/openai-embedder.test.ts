import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeEmbedding, startFakeOpenAi, type FakeOpenAi } from "../tests/fakes/openai-server.js";
import { createEmbedder } from "./create-embedder.js";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: "sk-embed", embeddingDimensions: 24 });
});
afterAll(async () => {
  await fake.close();
});

describe("OpenAI-compatible embedder", () => {
  it("embeds documents and queries through the configured endpoint with the real client", async () => {
    const embedder = createEmbedder({ kind: "openai", apiKey: "sk-embed", baseUrl: fake.url, model: "text-embedding-3-small" });
    expect(embedder.id).toBe("openai-text-embedding-3-small");
    const [doc] = await embedder.embedDocuments(["Helix Pro includes SAML"]);
    const query = await embedder.embedQuery("Helix Pro includes SAML");
    expect(doc).toHaveLength(24);
    const expected = fakeEmbedding("Helix Pro includes SAML", 24);
    for (let i = 0; i < 24; i++) expect(query[i]).toBeCloseTo(expected[i]!, 5);
    const request = fake.requests.find((r) => r.path === "/v1/embeddings");
    expect(request?.authorization).toBe("Bearer sk-embed");
    expect((request?.body as { model: string }).model).toBe("text-embedding-3-small");
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it("fails loudly on a rejected key", async () => {
    const embedder = createEmbedder({ kind: "openai", apiKey: "wrong", baseUrl: fake.url });
    await expect(embedder.embedQuery("hi")).rejects.toThrow();
  });
});
