import { z } from "zod";
import { ChatRequest } from "../../channels/web/chat-request.js";
import { ContentEventInput, GenerateContentInput } from "../../tools/content/schema.js";
import { Decision } from "./approval-routes.js";
import { LoginForm } from "./dashboard/auth-routes.js";
import { DashboardQuery } from "./dashboard/filters.js";
import { RowsQuery } from "./dashboard/rows.js";
import { PersonMessage, Release } from "./operator-routes.js";
import { AudioQuery, TranscriptBody } from "./transcript-routes.js";

/**
 * The HTTP surface as OpenAPI 3.1, built from the same zod schemas the routes parse with (`z.toJSONSchema`
 * writes JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). A test checks every mounted express route is here.
 */
type Auth = "none" | "operator" | "dashboard" | "slack" | "twilio" | "botframework" | "metrics";

interface RouteDoc {
  method: "get" | "post";
  /** Express path, `:param` style. */
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  body?: { schema: z.ZodType; type?: string };
  query?: z.ZodObject;
  /** Content type of a 200 answer (JSON unless said). */
  produces?: string;
}

const Form = (fields: Record<string, string>) => z.object(Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, z.string().describe(d)])));

export const ROUTES: RouteDoc[] = [
  { method: "get", path: "/healthz", summary: "Liveness: the process serves HTTP", tag: "operations", auth: "none" },
  { method: "get", path: "/readyz", summary: "Readiness: the database answered within 1 s (503 otherwise)", tag: "operations", auth: "none" },
  { method: "get", path: "/metrics", summary: "Prometheus metrics (text format)", tag: "operations", auth: "metrics", produces: "text/plain" },
  { method: "get", path: "/openapi.json", summary: "This document", tag: "operations", auth: "none" },
  { method: "get", path: "/", summary: "Web chat demo page", tag: "web chat", auth: "none", produces: "text/html" },
  { method: "get", path: "/index.html", summary: "Web chat demo page", tag: "web chat", auth: "none", produces: "text/html" },
  { method: "get", path: "/widget.js", summary: "Embeddable web chat widget", tag: "web chat", auth: "none", produces: "text/javascript" },
  { method: "post", path: "/api/chat", summary: "One prospect turn: {conversationId?, text} → {conversationId, reply, intent}", tag: "web chat", auth: "none", body: { schema: ChatRequest } },
  { method: "post", path: "/api/chat/stream", summary: "One prospect turn streamed as server-sent events", tag: "web chat", auth: "none", body: { schema: ChatRequest }, produces: "text/event-stream" },
  { method: "get", path: "/api/chat/:conversationId", summary: "A web conversation's messages", tag: "web chat", auth: "none" },
  { method: "get", path: "/api/chat/:conversationId/updates", summary: "Messages a person sent into a web conversation (server-sent events)", tag: "web chat", auth: "none", produces: "text/event-stream" },
  { method: "post", path: "/slack/events", summary: "Slack Events API, slash command and interactivity (signed)", tag: "channels", auth: "slack", body: { schema: z.record(z.string(), z.unknown()), type: "application/json" } },
  { method: "post", path: "/api/messages", summary: "Microsoft Teams (Bot Framework activities)", tag: "channels", auth: "botframework", body: { schema: z.record(z.string(), z.unknown()) } },
  { method: "post", path: "/sms/twilio", summary: "Twilio inbound SMS webhook (signed form post), TwiML answer", tag: "channels", auth: "twilio", body: { schema: Form({ From: "sender phone", To: "our number", Body: "message text", MessageSid: "Twilio message id" }), type: "application/x-www-form-urlencoded" }, produces: "text/xml" },
  { method: "get", path: "/api/handoffs", summary: "Open hand-offs (the human inbox)", tag: "operator", auth: "operator" },
  { method: "post", path: "/api/conversations/:id/messages", summary: "A person's message to a prospect (takes the conversation over)", tag: "operator", auth: "operator", body: { schema: PersonMessage } },
  { method: "post", path: "/api/conversations/:id/release", summary: "Hand the conversation back to the assistant", tag: "operator", auth: "operator", body: { schema: Release } },
  { method: "get", path: "/api/approvals", summary: "Pending approvals", tag: "operator", auth: "operator" },
  { method: "get", path: "/api/approvals/:id", summary: "One approval with its audit trail", tag: "operator", auth: "operator" },
  { method: "post", path: "/api/approvals/:id", summary: "Approve, edit or reject a paused action", tag: "operator", auth: "operator", body: { schema: Decision } },
  { method: "post", path: "/api/transcripts", summary: "Analyse a call transcript (JSON) or audio (raw body, query parameters)", tag: "operator", auth: "operator", body: { schema: TranscriptBody }, query: AudioQuery },
  { method: "post", path: "/api/content", summary: "Generate three content variants and their experiment", tag: "operator", auth: "operator", body: { schema: GenerateContentInput } },
  { method: "post", path: "/api/content/:variantId/events", summary: "Record an outcome event for a variant (idempotent by eventId)", tag: "operator", auth: "operator", body: { schema: ContentEventInput } },
  { method: "get", path: "/api/content/experiments/:id/report", summary: "An experiment's A/B report", tag: "operator", auth: "operator" },
  // marketing (issue 16): bodies described generically until its route schemas are exported here
  { method: "post", path: "/api/events", summary: "Record marketing events (sends, opens, clicks, conversions)", tag: "operator", auth: "operator", body: { schema: z.record(z.string(), z.unknown()) } },
  { method: "get", path: "/api/marketing/sends", summary: "Campaign sends waiting for approval or sent", tag: "operator", auth: "operator" },
  { method: "post", path: "/api/marketing/sends/:id", summary: "Decide a campaign send", tag: "operator", auth: "operator", body: { schema: z.record(z.string(), z.unknown()) } },
  { method: "get", path: "/dashboard/login", summary: "Dashboard sign-in page", tag: "dashboard", auth: "none", produces: "text/html" },
  { method: "post", path: "/dashboard/login", summary: "Sign in with the admin password (form field `password`); sets the session cookie", tag: "dashboard", auth: "none", body: { schema: LoginForm, type: "application/x-www-form-urlencoded" }, produces: "text/html" },
  { method: "get", path: "/dashboard/link", summary: "Sign in with a short-lived, single-use link from the assistant", tag: "dashboard", auth: "none", query: z.object({ token: z.string() }), produces: "text/html" },
  { method: "post", path: "/dashboard/logout", summary: "Sign out (CSRF token in form field `csrf`)", tag: "dashboard", auth: "dashboard", body: { schema: z.object({ csrf: z.string() }), type: "application/x-www-form-urlencoded" }, produces: "text/html" },
  { method: "get", path: "/dashboard/assets/:file", summary: "Dashboard script, style and the ECharts library", tag: "dashboard", auth: "none", produces: "text/javascript" },
  ...(["", "/leads", "/segments", "/conversations", "/content"] as const).map((p) => ({
    method: "get" as const, path: `/dashboard${p}`, summary: `Dashboard: ${p.slice(1) || "pipeline"}`, tag: "dashboard", auth: "dashboard" as const, query: DashboardQuery, produces: "text/html",
  })),
  { method: "get", path: "/dashboard/intel", summary: "Dashboard: competitive intelligence digest", tag: "dashboard", auth: "dashboard", query: DashboardQuery.extend({ since: z.string().optional() }), produces: "text/html" },
  { method: "get", path: "/dashboard/rows/:kind", summary: "The rows behind a dashboard figure", tag: "dashboard", auth: "dashboard", query: RowsQuery, produces: "text/html" },
];

const SECURITY: Record<Auth, Record<string, string[]>[] | undefined> = {
  none: [],
  operator: [{ operatorToken: [] }],
  metrics: [{ metricsToken: [] }, {}],
  dashboard: [{ dashboardSession: [] }],
  slack: [{ slackSignature: [] }],
  twilio: [{ twilioSignature: [] }],
  botframework: [{ botFrameworkJwt: [] }],
};

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

export function buildOpenApi(version = "0.1.0"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const queryShape = r.query ? (jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] }) : undefined;
    const query = Object.entries(queryShape?.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: queryShape?.required?.includes(name) ?? false, schema }));
    const { $schema: _ignored, ...body } = r.body ? (jsonSchema(r.body.schema) as Record<string, unknown>) : {};
    paths[openApiPath(r.path)] ??= {};
    paths[openApiPath(r.path)]![r.method] = {
      summary: r.summary,
      tags: [r.tag],
      security: SECURITY[r.auth],
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(r.body ? { requestBody: { required: true, content: { [r.body.type ?? "application/json"]: { schema: body } } } } : {}),
      responses: {
        "200": { description: "OK", content: { [r.produces ?? "application/json"]: {} } },
        ...(r.body || r.query || params.length ? { "400": { description: "Bad input, with a one-line reason" } } : {}),
        ...(r.auth === "none" ? {} : { "401": { description: "Not authenticated" }, "403": { description: "Not allowed" } }),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Salesgraph", version, description: "Every HTTP route of `salesgraph serve`; channel routes are mounted only when their channel is configured." },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      securitySchemes: {
        operatorToken: { type: "http", scheme: "bearer", description: "SALESGRAPH_API_TOKEN (without it, loopback only)" },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN, when set" },
        dashboardSession: { type: "apiKey", in: "cookie", name: "sg_dashboard" },
        slackSignature: { type: "apiKey", in: "header", name: "X-Slack-Signature", description: "v0=HMAC-SHA256 of v0:{timestamp}:{raw body}" },
        twilioSignature: { type: "apiKey", in: "header", name: "X-Twilio-Signature", description: "HMAC-SHA1 of the public URL and sorted form fields" },
        botFrameworkJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Bot Framework channel token" },
      },
    },
  };
}
