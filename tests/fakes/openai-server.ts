import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible server for tests: real HTTP, real wire format, scripted answers.
 * `POST /v1/chat/completions` (JSON or SSE), `GET /v1/models`, `POST /v1/embeddings`,
 * `POST /v1/audio/transcriptions` (multipart, answered with the scripted transcription).
 */

export interface FakeToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent as is (so malformed arguments can be scripted). */
  arguments: unknown;
  id?: string;
}

/**
 * One scripted answer. `delayMs` holds the answer back, e.g. to trigger a client timeout. When the client asks
 * for a stream, `stream` paces it: a pause between content chunks, or a stall after some of them (the
 * connection stays open, silent, until the client hangs up: a timeout mid-stream).
 */
export type FakeReply =
  | { text: string; delayMs?: number; stream?: FakeStreamPacing }
  | { toolCalls: FakeToolCall[]; text?: string; delayMs?: number }
  | { status: number; message?: string; delayMs?: number };

export interface FakeStreamPacing {
  /** Pause before each content chunk after the first. */
  chunkDelayMs?: number;
  /** Send this many content chunks, then nothing more. */
  stallAfterChunks?: number;
}

export interface ChatCompletionRequest {
  model?: string;
  messages: Array<Record<string, unknown>>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

export type FakeResponder = (request: ChatCompletionRequest) => FakeReply;

/** What `/v1/audio/transcriptions` answers: a body (`verbose_json` / `diarized_json` shape) or an error status. */
export type FakeTranscription = { text?: string; segments?: Array<Record<string, unknown>> } | { status: number; message?: string };

/** A transcription request as received: its multipart fields and the audio's name and size. */
export interface RecordedTranscription {
  model: string | null;
  responseFormat: string | null;
  chunkingStrategy: string | null;
  filename: string | null;
  bytes: number;
  authorization?: string;
}

export interface FakeOpenAiOptions {
  port?: number;
  /** When set, only this bearer token is accepted; otherwise any non-empty one is. */
  apiKey?: string;
  /** Answer when the script is empty. */
  respond?: FakeResponder;
  models?: string[];
  embeddingDimensions?: number;
}

export interface FakeOpenAi {
  /** Base URL including `/v1`, as OPENAI_BASE_URL expects. */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Bodies of chat completion requests only, in arrival order. */
  readonly completions: ChatCompletionRequest[];
  /** Queue answers for the next chat completion requests, first in first out. */
  script(...replies: FakeReply[]): void;
  respondWith(responder: FakeResponder): void;
  /** The answer to every following `/v1/audio/transcriptions` request. */
  transcribeWith(answer: FakeTranscription): void;
  /** Transcription requests, in arrival order. */
  readonly transcriptions: RecordedTranscription[];
  /** Scripted answers not yet used. */
  pending(): number;
  /** Empties the script and the request log; restores the default responder. */
  reset(): void;
  close(): Promise<void>;
}

const defaultResponder: FakeResponder = () => ({ text: "This is the fake model." });

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let responder = options.respond ?? defaultResponder;
  const transcriptions: RecordedTranscription[] = [];
  let transcription: FakeTranscription = { text: "" };
  let sequence = 0;
  const nextId = (prefix: string): string => `${prefix}-${++sequence}-${Math.random().toString(36).slice(2, 10)}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendError(res, 500, `fake server failure: ${String(error)}`, "server_error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method === "POST" && path === "/v1/audio/transcriptions") return transcribe(req, res);
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization, body: raw });
      sendError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
      return;
    }
    requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization, body });

    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
    if (!token || (options.apiKey !== undefined && token !== options.apiKey)) {
      sendError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      return;
    }

    if (req.method === "GET" && path === "/v1/models") {
      sendJson(res, 200, {
        object: "list",
        data: (options.models ?? ["fake-model"]).map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })),
      });
    } else if (req.method === "POST" && path === "/v1/chat/completions") {
      await completeChat(res, body as ChatCompletionRequest);
    } else if (req.method === "POST" && path === "/v1/embeddings") {
      embed(res, body as EmbeddingRequest, options.embeddingDimensions ?? 16);
    } else {
      sendError(res, 404, `Unknown route ${req.method} ${path}`, "invalid_request_error");
    }
  }

  /** Multipart in, the scripted transcription out; the audio itself is only measured. */
  async function transcribe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
    requests.push({ method: "POST", path: "/v1/audio/transcriptions", authorization: req.headers.authorization, body: undefined });
    if (!token || (options.apiKey !== undefined && token !== options.apiKey)) {
      sendError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      return;
    }
    let form: FormData;
    try {
      form = await new Request("http://fake/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: Buffer.concat(chunks) }).formData();
    } catch {
      sendError(res, 400, "Could not parse multipart form", "invalid_request_error");
      return;
    }
    const file = form.get("file");
    const field = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : null);
    transcriptions.push({
      model: field("model"),
      responseFormat: field("response_format"),
      chunkingStrategy: field("chunking_strategy"),
      filename: file instanceof File ? file.name : null,
      bytes: file instanceof Blob ? file.size : 0,
      authorization: req.headers.authorization,
    });
    if (!(file instanceof Blob)) {
      sendError(res, 400, "'file' is a required property", "invalid_request_error");
      return;
    }
    if ("status" in transcription) {
      sendError(res, transcription.status, transcription.message ?? "transcription failed", "invalid_request_error");
      return;
    }
    sendJson(res, 200, { task: "transcribe", duration: 0, ...transcription });
  }

  async function completeChat(res: ServerResponse, body: ChatCompletionRequest): Promise<void> {
    if (!body || !Array.isArray(body.messages)) {
      sendError(res, 400, "'messages' is a required property", "invalid_request_error");
      return;
    }
    const reply = queue.shift() ?? responder(body);
    if (reply.delayMs) {
      const stillOpen = await wait(res, reply.delayMs);
      if (!stillOpen) return;
    }
    if ("status" in reply) {
      sendError(res, reply.status, reply.message ?? `scripted error ${reply.status}`, "server_error");
      return;
    }
    const completion = buildCompletion(reply, body.model ?? "fake-model", nextId);
    const pacing = "stream" in reply ? reply.stream : undefined;
    if (body.stream) await streamCompletion(res, completion, body.stream_options?.include_usage === true, pacing);
    else sendJson(res, 200, completion);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get completions() {
      return requests
        .filter((r) => r.path === "/v1/chat/completions" && typeof r.body === "object")
        .map((r) => r.body as ChatCompletionRequest);
    },
    script: (...replies) => void queue.push(...replies),
    respondWith: (next) => void (responder = next),
    transcribeWith: (answer) => void (transcription = answer),
    transcriptions,
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      transcriptions.length = 0;
      transcription = { text: "" };
      responder = options.respond ?? defaultResponder;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Completion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: "assistant";
      content: string | null;
      refusal: null;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    };
    logprobs: null;
    finish_reason: "stop" | "tool_calls";
  }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

function buildCompletion(
  reply: Exclude<FakeReply, { status: number }>,
  model: string,
  nextId: (prefix: string) => string,
): Completion {
  const toolCalls =
    "toolCalls" in reply
      ? reply.toolCalls.map((call) => ({
          id: call.id ?? nextId("call"),
          type: "function" as const,
          function: {
            name: call.name,
            arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
          },
        }))
      : undefined;
  const content = reply.text ?? (toolCalls ? null : "");
  const completionTokens = Math.max(1, Math.ceil(((content ?? "") + JSON.stringify(toolCalls ?? "")).length / 4));
  return {
    id: nextId("chatcmpl-fake"),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: toolCalls ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens },
  };
}

/** The same completion as `chat.completion.chunk` events: role, content pieces, tool calls, finish, usage. */
async function streamCompletion(res: ServerResponse, completion: Completion, includeUsage: boolean, pacing: FakeStreamPacing = {}): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const choice = completion.choices[0]!;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: object = {}): void => {
    const event = {
      id: completion.id,
      object: "chat.completion.chunk",
      created: completion.created,
      model: completion.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    };
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  chunk({ role: "assistant", content: "" });
  let sent = 0;
  for (const piece of splitText(choice.message.content ?? "")) {
    if (sent === pacing.stallAfterChunks) {
      await wait(res, 60 * 60_000);
      return;
    }
    if (sent > 0 && pacing.chunkDelayMs && !(await wait(res, pacing.chunkDelayMs))) return;
    chunk({ content: piece });
    sent += 1;
  }
  choice.message.tool_calls?.forEach((call, index) => {
    chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] });
    chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] });
  });
  chunk({}, choice.finish_reason);
  if (includeUsage) {
    const event = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model, choices: [], usage: completion.usage };
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  res.end("data: [DONE]\n\n");
}

function splitText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

interface EmbeddingRequest {
  input: string | string[];
  model?: string;
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

function embed(res: ServerResponse, body: EmbeddingRequest, defaultDimensions: number): void {
  const inputs = typeof body?.input === "string" ? [body.input] : body?.input;
  if (!Array.isArray(inputs) || inputs.some((input) => typeof input !== "string")) {
    sendError(res, 400, "'input' must be a string or an array of strings", "invalid_request_error");
    return;
  }
  const dimensions = body.dimensions ?? defaultDimensions;
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(input, dimensions);
    // The official SDK asks for base64 unless told otherwise and decodes it as little-endian float32.
    const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.reduce((sum, input) => sum + Math.ceil(input.length / 4), 0);
  sendJson(res, 200, { object: "list", data, model: body.model ?? "fake-embedding", usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

/**
 * Hashed bag of words, L2-normalised: deterministic, and texts that share words are close, so retrieval
 * tests behave like they would with a real embedder.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    vector[hash % dimensions]! += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Resolves false when the client hung up first (e.g. it timed out). */
function wait(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once("close", onClose);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, code: string | null = null): void {
  sendJson(res, status, { error: { message, type, param: null, code } });
}
