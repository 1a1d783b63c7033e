import type { SalesTool } from "../registry.js";
import { defineTool } from "../registry.js";
import type { SendFollowUpOutput } from "../outreach/send-follow-up.js";
import type { SendFollowUpInput } from "../outreach/schema.js";
import type { Clock } from "../../src/core/clock.js";
import type { ContentStore } from "../../src/core/content.js";
import type { Logger } from "../../src/core/logger.js";
import type { OutreachCrm } from "../../src/core/outreach.js";
import { resolveRecipient } from "../outreach/recipients.js";
import { enforceSms } from "./limits.js";
import { formatReport, type ExperimentReport } from "./report.js";
import { ContentReportInput, GenerateContentInput, SendContentInput } from "./schema.js";
import type { ContentService, GenerateResult } from "./service.js";
import { FIRST_NAME } from "./templates.js";

/** Internal: three on-brand variants for a segment and channel, each with a predicted rate and its interval. */
export function createGenerateContentTool(deps: { service: ContentService }) {
  return defineTool({
    name: "generate_content",
    description:
      "Write three A/B/C variants of campaign copy (email, subject lines, SMS, LinkedIn post, search ad) or a deal follow-up for a segment, each from a different angle (value, proof, urgency, question), within channel limits, with facts cited and a predicted open/click rate with a 95% interval. Stores them as an experiment.",
    audience: "internal",
    schema: GenerateContentInput,
    run: async (input, context): Promise<GenerateResult> => deps.service.generate(input, context.actor.id),
  });
}

/** Internal: rates, intervals, significance and the winner (if any) of an experiment. */
export function createContentReportTool(deps: { service: ContentService }) {
  return defineTool({
    name: "content_report",
    description:
      "Report an A/B/C content experiment: per-variant rates with 95% confidence intervals, pairwise z-tests with Holm correction (or Bayesian probability to beat), the winner only when significant after the minimum sample, and peeking warnings.",
    audience: "internal",
    schema: ContentReportInput,
    run: async (input): Promise<{ experimentId: string; report: ExperimentReport; text: string }> => {
      const { report } = await deps.service.report(input.experimentId, input.method);
      return { experimentId: input.experimentId, report, text: formatReport(input.experimentId, report) };
    },
  });
}

export type SendContentOutput = SendFollowUpOutput | { status: "not_sendable"; detail: string };

/**
 * Internal: sends one variant (named, or picked by Thompson sampling from an experiment) through send_follow_up,
 * so consent per contact, quiet hours and the approval gate are the ones every outbound message goes through;
 * a `sent` event is recorded for the variant when it actually went out.
 */
export function createSendContentTool(deps: { service: ContentService; store: ContentStore; crm: OutreachCrm; followUp: SalesTool; company: string; clock: Clock; logger: Logger }) {
  return defineTool({
    name: "send_content_variant",
    description:
      "Send an email or SMS content variant to one CRM contact or lead: a given variant, or the one Thompson sampling picks from an experiment. Checks consent and quiet hours and waits for approval when approvals are required; records the send for the experiment.",
    audience: "internal",
    schema: SendContentInput,
    run: async (input, context): Promise<SendContentOutput & { variantId?: string }> => {
      const variant = input.variantId ? await deps.service.variant(input.variantId) : await deps.service.allocate(input.experimentId!);
      if (!variant) return { status: "not_found", detail: `no variant ${input.variantId}` };
      if (variant.channel !== "email" && variant.channel !== "sms" && variant.channel !== "follow_up") {
        return { status: "not_sendable", detail: `${variant.channel} variants are published, not sent to a person` };
      }
      const found = await resolveRecipient(deps.crm, input.to);
      const firstName = found.status === "found" ? found.recipient.name.split(/\s+/)[0]! : "there";
      const fill = (s: string) => s.split(FIRST_NAME).join(firstName);
      const channel = variant.channel === "sms" ? "sms" : "email";
      const body = channel === "sms" ? enforceSms(fill(variant.text), deps.company) : fill(variant.text);
      const message: SendFollowUpInput = { channel, to: input.to, body, ...(channel === "email" ? { subject: fill(variant.subject ?? "A quick note") } : {}) };
      const out = (await deps.followUp.run(message, context)) as SendFollowUpOutput;
      if (out.status === "sent") {
        const eventId = `send:${variant.id}:${out.to.id}:${context.conversationId}`;
        await deps.store
          .recordEvent({ eventId, variantId: variant.id, type: "sent", recipient: out.to.id, at: deps.clock.now() })
          .catch((error: unknown) => deps.logger.warn({ err: error, variant: variant.id }, "content send not recorded"));
      }
      return { ...out, variantId: variant.id };
    },
  });
}
