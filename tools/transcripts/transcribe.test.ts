import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { startFakeOpenAi, type FakeOpenAi } from "../../tests/fakes/openai-server.js";
import { analyzeTranscript } from "./analyze.js";
import { createLlmExtractor } from "./extract-llm.js";
import { parseTranscript } from "./parse.js";
import { createTranscriber, transcriberFor } from "./transcribe.js";

let openai: FakeOpenAi;
beforeAll(async () => {
  openai = await startFakeOpenAi({ apiKey: "sk-test" });
});
afterAll(() => openai.close());
beforeEach(() => openai.reset());

const audio = { data: new Uint8Array([0x49, 0x44, 0x33, 1, 2, 3, 4]), filename: "/calls/discovery.mp3" };

describe("audio through the OpenAI-compatible /audio/transcriptions endpoint", () => {
  it("asks a diarizing model for diarized_json and turns its segments into speaker turns", async () => {
    openai.transcribeWith({
      text: "Hi. Hello.",
      segments: [
        { id: "s1", speaker: "A", start: 0, end: 2.5, text: " Hi, what brings you here?" },
        { id: "s2", speaker: "B", start: 3, end: 6, text: "Our reports take days." },
      ],
    });
    const transcribe = createTranscriber({ baseUrl: openai.url, apiKey: "sk-test", model: "gpt-4o-transcribe-diarize", timeoutMs: 5000 });
    const { transcript } = await transcribe(audio);
    expect(openai.transcriptions).toEqual([
      { model: "gpt-4o-transcribe-diarize", responseFormat: "diarized_json", chunkingStrategy: "auto", filename: "discovery.mp3", bytes: 7, authorization: "Bearer sk-test" },
    ]);
    expect(transcript).toEqual({
      format: "audio",
      turns: [
        { speaker: "Speaker A", text: "Hi, what brings you here?", start: 0, end: 2.5 },
        { speaker: "Speaker B", text: "Our reports take days.", start: 3, end: 6 },
      ],
    });
    const a = await analyzeTranscript(transcript);
    expect(a.talk_ratio_by_time).toEqual({ rep: 0.4545, customer: 0.5455 });
  });

  it("says so when a model's transcription names no speakers, and relays endpoint errors", async () => {
    const transcribe = createTranscriber({ baseUrl: openai.url, apiKey: "sk-test", model: "whisper-1", timeoutMs: 5000 });
    openai.transcribeWith({ text: "hello there how are you", segments: [{ start: 0, end: 1, text: "hello there" }] });
    await expect(transcribe(audio)).rejects.toThrow("the transcription names no speakers; set TRANSCRIPTION_MODEL to a diarizing model (got whisper-1)");
    expect(openai.transcriptions[0]!.responseFormat).toBe("verbose_json");
    openai.transcribeWith({ status: 400, message: "Audio file might be corrupted" });
    await expect(transcribe(audio)).rejects.toThrow("transcription failed (400): Audio file might be corrupted");
  });

  it("without an endpoint, a clear configuration error", () => {
    expect(() => transcriberFor({ timeoutMs: 1000 }, "whisper-1")).toThrow(/OPENAI_API_KEY/);
  });
});

describe("structured extraction by a model", () => {
  const CALL = "Rep: What does reporting cost you today?\nCustomer: Honestly your tool looks too expensive for us. We lose two days a month.\nRep: I understand; the Team plan pays for itself in a quarter. I'll send the ROI numbers by Friday.";

  it("keeps quotes that occur in the call and drops invented ones", async () => {
    openai.script({
      toolCalls: [
        {
          name: "call_extraction",
          arguments: {
            objections: [
              { type: "price", quote: "your tool looks TOO expensive for us", answered: true },
              { type: "timing", quote: "We will revisit next year", answered: false },
            ],
            pain_points: [{ quote: "We lose two days a month." }],
            competitors: [{ name: "Tableau", quote: "We also use Tableau" }],
            budget: [],
            timeline: [],
            decision_makers: [],
            next_steps: [{ action: "send the ROI numbers", owner: "rep", due: "Friday", quote: "I'll send the ROI numbers by Friday." }],
          },
        },
      ],
    });
    const model = new ChatOpenAI({ model: "fake-model", apiKey: "sk-test", configuration: { baseURL: openai.url }, maxRetries: 0 });
    const a = await analyzeTranscript(parseTranscript(CALL), { extract: createLlmExtractor(model, { timeoutMs: 5000 }) });
    expect(a.extraction_source).toBe("llm");
    expect(a.objections).toEqual([{ type: "price", quote: "your tool looks TOO expensive for us", speaker: "Customer", turn: 1, answered: true }]);
    expect(a.competitors).toEqual([]);
    expect(a.pain_points.map((p) => p.turn)).toEqual([1]);
    expect(a.next_steps).toEqual([
      { action: "send the ROI numbers", owner: "rep", owner_name: "Rep", due: "Friday", quote: "I'll send the ROI numbers by Friday.", speaker: "Rep", turn: 2 },
    ]);
    const request = openai.completions[0]!;
    expect(request.tools?.[0]?.function.name).toBe("call_extraction");
  });

  it("falls back to the local extraction when the model fails", async () => {
    openai.script({ status: 500, message: "boom" });
    const model = new ChatOpenAI({ model: "fake-model", apiKey: "sk-test", configuration: { baseURL: openai.url }, maxRetries: 0 });
    const a = await analyzeTranscript(parseTranscript(CALL), { extract: createLlmExtractor(model, { timeoutMs: 5000 }) });
    expect(a.extraction_source).toBe("local");
    expect(a.objections.map((o) => o.type)).toEqual(["price"]);
  });
});
